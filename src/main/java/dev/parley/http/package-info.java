/**
 * The HTTP layer: the server and its filters (request id, authentication, Intercom-Version),
 * the route table, the error table's rendering as Intercom's {@code error.list}, and one
 * package per resource with its routes and wire records.
 */
package dev.parley.http;
