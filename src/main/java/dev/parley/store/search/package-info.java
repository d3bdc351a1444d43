/**
 * The SQL of Intercom's search ({@code POST /conversations/search} and {@code POST
 * /contacts/search}): where each searchable field of {@code dev.parley.domain.search} lives ({@link
 * dev.parley.store.search.ConversationSearchColumns}, {@link
 * dev.parley.store.search.ContactSearchColumns}) and the compiler that turns a parsed query into a
 * parameterized SQL condition ({@link dev.parley.store.search.SearchCompiler}). Values are never
 * written into SQL text.
 */
package dev.parley.store.search;
