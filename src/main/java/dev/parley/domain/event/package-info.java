/**
 * Data events of contacts: Intercom's {@code createDataEvent} ({@code POST /events}), {@code
 * lisDataEvents} ({@code GET /events}) and {@code dataEventSummaries} ({@code POST
 * /events/summaries}). A contact's events and summaries are erased with it.
 */
package dev.parley.domain.event;
