/**
 * Intercom's search query language ({@code POST /conversations/search} and {@code POST
 * /contacts/search}, the {@code search_request} of the REST API 2.14): a parser that validates a
 * request's {@code query} into a typed tree ({@link dev.parley.domain.search.SearchQuery}), the
 * registries of searchable fields of each resource ({@link
 * dev.parley.domain.search.ConversationSearchFields}, {@link
 * dev.parley.domain.search.ContactSearchFields}) that map Intercom's field names to types and SQL
 * expressions, and the compiler that turns a tree into a parameterized SQL condition ({@link
 * dev.parley.domain.search.SearchCompiler}). Values are never written into SQL text.
 *
 * <p>Also here: {@link dev.parley.domain.search.BodyWords}, the words of a message body that {@code
 * source.body} is matched against, word by word.
 */
package dev.parley.domain.search;
