package dev.parley.http;

import com.fasterxml.jackson.annotation.JsonProperty;
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
    Body body = Wire.body(ctx, mapper, Body.class);
    int perPage = defaultPerPage;
    Page.Cursor cursor = null;
    Pagination pagination = body.pagination();
    if (pagination != null) {
      if (pagination.perPage() != null) {
        long requested = pagination.perPage().value();
        if (requested < 1 || requested > MAX_PER_PAGE) {
          throw ApiException.invalid(
              "pagination.per_page", "pagination.per_page must be between 1 and " + MAX_PER_PAGE);
        }
        perPage = (int) requested;
      }
      String after = pagination.startingAfter();
      if (after != null && !after.isEmpty()) {
        cursor = Page.Cursor.decode(after, "pagination.starting_after");
      }
    }
    JsonNode query = body.query();
    Object value =
        query == null || query.isNull() ? null : mapper.convertValue(query, Object.class);
    return new SearchRequest(value, cursor, perPage);
  }

  /** The body as sent: {@code query} for the domain to read, {@code pagination}. */
  record Body(JsonNode query, Pagination pagination) {}

  /** {@code starting_after_paging}. */
  record Pagination(
      @JsonProperty("per_page") Wire.Int perPage,
      @JsonProperty("starting_after") String startingAfter) {}
}
