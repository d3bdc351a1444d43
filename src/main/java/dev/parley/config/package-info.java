/** parley's one immutable configuration and its defaults. */
package dev.parley.config;
