/**
 * Tickets' configuration: ticket types with their typed attributes, and the workspace's ticket
 * states (Intercom's "Ticket Types", "Ticket Type Attributes" and "Ticket States", REST API 2.14).
 */
package dev.parley.domain.ticket;
