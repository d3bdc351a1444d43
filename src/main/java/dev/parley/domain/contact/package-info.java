/** Contacts (users and leads): Intercom's {@code /contacts}. */
package dev.parley.domain.contact;
