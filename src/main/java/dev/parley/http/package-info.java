/**
 * The HTTP layer: the server and its filters (request id, authentication and the throttle of wrong
 * tokens per address, the workspace's rate limit, Intercom-Version), the route table, the error
 * table's rendering as Intercom's {@code error.list}, and one package per resource with its routes
 * and wire records.
 */
package dev.parley.http;
