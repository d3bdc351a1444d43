package dev.parley.domain;

/** Path ids as parley writes them: 64-bit integers in decimal text. */
public final class Ids {
  private Ids() {}

  /**
   * Parses a path id as a 64-bit integer written as parley writes ids: digits, no sign, no leading
   * zero ({@code "01"} is not the id {@code "1"}: Intercom's ids are strings).
   *
   * @throws ApiException 404 {@code not_found} when it is not one: such an id cannot exist
   */
  public static long parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 19) {
      throw ApiException.notFound();
    }
    if (text.length() > 1 && text.charAt(0) == '0') {
      throw ApiException.notFound();
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        throw ApiException.notFound();
      }
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw ApiException.notFound();
    }
  }
}
