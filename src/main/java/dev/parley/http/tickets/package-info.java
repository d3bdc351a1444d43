/**
 * HTTP routes and JSON wire records of Intercom's ticket types, ticket type attributes and ticket
 * states.
 */
package dev.parley.http.tickets;
