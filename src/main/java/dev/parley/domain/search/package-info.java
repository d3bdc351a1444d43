/**
 * Intercom's search query language ({@code POST /conversations/search} and {@code POST
 * /contacts/search}, the {@code search_request} of the REST API 2.14): a parser that validates a
 * request's {@code query} into a typed tree ({@link dev.parley.domain.search.SearchQuery}) and the
 * registries of searchable fields of each resource ({@link
 * dev.parley.domain.search.ConversationSearchFields}, {@link
 * dev.parley.domain.search.ContactSearchFields}) that give Intercom's field names their types and
 * operators. Repositories take the tree; the SQL it becomes is the store's ({@code
 * dev.parley.store.search}).
 *
 * <p>Also here: {@link dev.parley.domain.search.BodyWords}, the words of a message body that {@code
 * source.body} is matched against, word by word.
 */
package dev.parley.domain.search;
