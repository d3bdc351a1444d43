package dev.parley.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.ApiException;
import dev.parley.domain.Page;
import io.javalin.http.Context;

/**
 * The body of Intercom's {@code search_request} (REST API 2.14, {@code searchConversations} and
 * {@code SearchContacts}): {@code query}, handed on as parsed JSON for the domain's {@link
 * dev.parley.domain.search.SearchParser} to validate, and {@code pagination} ({@code
 * starting_after_paging}: {@code per_page}, {@code starting_after}).
 *
 * @param query the query as plain Java values (maps, lists, strings, numbers, booleans), or null
 *     when the body has none
 * @param cursor the decoded {@code pagination.starting_after}, or null for the first page
 * @param perPage {@code pagination.per_page}, 1 to {@value #MAX_PER_PAGE}
 */
public record SearchRequest(Object query, Page.Cursor cursor, int perPage) {
  /** The largest page the search operations answer. */
  public static final int MAX_PER_PAGE = 150;

  /**
   * Reads the request body.
   *
   * @param defaultPerPage the page size when {@code pagination.per_page} is absent (20 for
   *     conversations, 50 for contacts)
   * @throws ApiException 400 {@code parameter_invalid} for a body that is not a JSON object, a
   *     {@code per_page} that is not an integer from 1 to 150, or a {@code starting_after} that is
   *     not a cursor parley issued; 415 for a body that is not JSON
   */
  public static SearchRequest parse(Context ctx, ObjectMapper mapper, int defaultPerPage) {
    JsonRequest body = JsonRequest.parse(ctx, mapper);
    int perPage = defaultPerPage;
    Page.Cursor cursor = null;
    JsonRequest pagination = body.optionalObject("pagination");
    if (pagination != null) {
      Long requested = pagination.optionalLong("per_page");
      if (requested != null) {
        if (requested < 1 || requested > MAX_PER_PAGE) {
          throw ApiException.invalid(
              pagination.path("per_page"),
              pagination.path("per_page") + " must be between 1 and " + MAX_PER_PAGE);
        }
        perPage = requested.intValue();
      }
      String after = pagination.optionalString("starting_after");
      if (after != null && !after.isEmpty()) {
        cursor = Page.Cursor.decode(after, pagination.path("starting_after"));
      }
    }
    JsonNode query = body.raw("query");
    Object value =
        query == null || query.isNull() ? null : mapper.convertValue(query, Object.class);
    return new SearchRequest(value, cursor, perPage);
  }
}
