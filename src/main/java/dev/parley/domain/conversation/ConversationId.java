package dev.parley.domain.conversation;

import dev.parley.domain.ApiException;
import dev.parley.domain.Ids;

/**
 * A conversation's id: Intercom writes it as a string, parley's are 64-bit integers.
 *
 * @param value the id as stored
 */
public record ConversationId(long value) implements ConversationRef {
  /**
   * Parses a path or body id ({@link Ids#parse}).
   *
   * @throws ApiException 404 {@code not_found} when the text is not an id parley writes
   */
  public static ConversationId parse(String text) {
    return new ConversationId(Ids.parse(text));
  }

  /** The decimal text, as rendered. */
  @Override
  public String toString() {
    return Long.toString(value);
  }
}
