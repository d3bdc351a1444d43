/** Admins (teammates) and teams: Intercom's {@code /me}, {@code /admins} and {@code /teams}. */
package dev.parley.domain.admin;
