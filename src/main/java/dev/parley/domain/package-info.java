/**
 * parley's domain: one package per resource of Intercom's API (workspace and auth, admin and team,
 * contact, tag, conversation), each with its model, its service and its repository interface; here,
 * what they share: the {@link dev.parley.domain.Store}, the error table and the exception family
 * that the HTTP layer renders as Intercom's {@code error.list} bodies.
 */
package dev.parley.domain;
