/** Intercom's Data Events operations over HTTP: {@link dev.parley.http.events.DataEventRoutes}. */
package dev.parley.http.events;
