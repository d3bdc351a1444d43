package dev.parley.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paginated list, as Intercom's cursor pagination ({@code cursor_pages} with
 * {@code next.starting_after}) shows it.
 *
 * @param items the rows of this page, at most {@code perPage}
 * @param page 1-based number of this page
 * @param perPage page size asked for
 * @param totalCount rows in the whole list
 * @param next cursor of the next page, or null on the last page
 */
public record Page<T>(List<T> items, int page, int perPage, long totalCount, Cursor next) {

  /** Total pages for {@code totalCount} rows, 0 when there are none. */
  public int totalPages() {
    return (int) ((totalCount + perPage - 1) / perPage);
  }

  /**
   * Builds a page from {@code rows} fetched with limit {@code perPage + 1}: the extra row, when
   * present, only proves that a next page exists.
   */
  public static <T> Page<T> of(
      List<T> rows, int perPage, long totalCount, Cursor after, Function<T, Cursor> keyOf) {
    int pageNumber = after == null ? 1 : after.page() + 1;
    if (rows.size() > perPage) {
      List<T> items = List.copyOf(rows.subList(0, perPage));
      Cursor last = keyOf.apply(items.get(items.size() - 1));
      return new Page<>(
          items,
          pageNumber,
          perPage,
          totalCount,
          new Cursor(pageNumber, last.createdAt(), last.id()));
    }
    return new Page<>(List.copyOf(rows), pageNumber, perPage, totalCount, null);
  }

  /**
   * The position after the last row of a page: the row's sort key (created_at, id) and the number
   * of the page it ended. Encoded as an opaque URL-safe string for {@code starting_after}.
   *
   * @param page the page number the cursor ends
   * @param createdAt Unix seconds of the last row
   * @param id the last row's id as a string
   */
  public record Cursor(int page, long createdAt, String id) {

    /** The opaque {@code starting_after} string. */
    public String encode() {
      String raw = page + ":" + createdAt + ":" + id;
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Parses a {@code starting_after} string.
     *
     * @throws ApiException 400 {@code parameter_invalid} naming {@code field} when it is not a
     *     cursor parley issued
     */
    public static Cursor decode(String text, String field) {
      try {
        String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        String[] parts = raw.split(":", 3);
        if (parts.length != 3 || parts[2].isEmpty()) {
          throw new IllegalArgumentException("shape");
        }
        return new Cursor(Integer.parseInt(parts[0]), Long.parseLong(parts[1]), parts[2]);
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid(field, field + " is not a valid cursor");
      }
    }
  }
}
