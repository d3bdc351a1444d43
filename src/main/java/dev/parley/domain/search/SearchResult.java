package dev.parley.domain.search;

import java.util.List;

/**
 * One page of search matches and how many there are in all.
 *
 * @param rows the matches of the page, in the search's order
 * @param total every match of the query, on every page
 */
public record SearchResult<T>(List<T> rows, long total) {
  public SearchResult {
    rows = List.copyOf(rows);
  }
}
