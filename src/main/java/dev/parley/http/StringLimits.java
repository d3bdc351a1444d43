package dev.parley.http;

import dev.parley.domain.ApiException;
import java.util.Map;

/**
 * The longest string each request body field may hold, in characters (UTF-16 code units, as Java's
 * and JavaScript's {@code length} count them; a character outside the Basic Multilingual Plane, an
 * emoji, counts two): one table for every operation, checked when a body is parsed ({@link
 * RequestBody#read}), so a value over its maximum is refused with 400 {@code parameter_invalid}
 * naming the field before any store sees it, and every maximum is one that both stores keep.
 * PostgreSQL refuses a btree index entry over about 2,700 bytes; the indexed fields ({@code email},
 * {@code external_id}, tag names) allow 255 characters at most, which is at most 765 bytes of UTF-8
 * (a code unit takes at most 3 bytes). Bodies are not indexed (their words are, cut to 64
 * characters) and may be longer.
 *
 * <p>Fields are named by their JSON path without array indices ({@code attachment_files.name} for
 * {@code attachment_files[2].name}); a custom attribute's value is {@code custom_attributes.*};
 * every string of a search {@code query} is {@code query}. An entry may be for one operation only
 * ({@code "createTag name"}, by Intercom's operationId). A string field not in the table holds at
 * most {@value #DEFAULT} characters. docs/contract.md lists the same table.
 */
public final class StringLimits {
  /** The maximum of a string field not in the table. */
  public static final int DEFAULT = 255;

  /** {@code email}, {@code external_id}, {@code phone}: indexed (the first two) or short. */
  public static final int SHORT = 255;

  /** A tag's name ({@code createTag}), as Intercom limits it. */
  public static final int TAG_NAME = 190;

  /** A custom attribute's name (the key in {@code custom_attributes}). */
  public static final int ATTRIBUTE_NAME = 190;

  /** A custom attribute's string value. */
  public static final int ATTRIBUTE_VALUE = 255;

  /** A message body ({@code body}: a conversation's source, a reply, a note). */
  public static final int BODY = 65_536;

  /** A URL ({@code attachment_urls} items, a contact's {@code avatar}). */
  public static final int URL = 2_048;

  /**
   * The {@code name} of a workspace ({@code POST /_parley/workspaces}) or of a snapshot ({@code
   * POST /_parley/workspaces/{name}/snapshots}): 1 to 100 letters, digits, dots, dashes and
   * underscores (docs/testing-with-parley.md).
   */
  public static final int OPERATOR_NAME = 100;

  /** A contact's {@code name}. */
  public static final int CONTACT_NAME = 1_024;

  /**
   * A string value in a search {@code query} (and {@link dev.parley.domain.search.SearchParser}'s
   * own limit).
   */
  public static final int SEARCH_VALUE = dev.parley.domain.search.SearchParser.MAX_STRING_LENGTH;

  /** A page cursor ({@code pagination.starting_after}). */
  public static final int CURSOR = 1_024;

  /**
   * Not limited by itself: an upload's base64 {@code data} is bounded by the request size limit
   * ({@code --max-request-size}) alone.
   */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  private static final Map<String, Integer> MAX =
      Map.ofEntries(
          // contacts (CreateContact, UpdateContact)
          Map.entry("email", SHORT),
          Map.entry("external_id", SHORT),
          Map.entry("phone", SHORT),
          Map.entry("name", CONTACT_NAME),
          Map.entry("avatar", URL),
          Map.entry("custom_attributes.*", ATTRIBUTE_VALUE),
          // conversations (create, reply, manage, update, attach and detach)
          Map.entry("body", BODY),
          Map.entry("subject", SHORT),
          Map.entry("title", SHORT),
          Map.entry("attachment_urls", URL),
          Map.entry("attachment_files.name", SHORT),
          Map.entry("attachment_files.content_type", SHORT),
          Map.entry("attachment_files.data", UNLIMITED),
          Map.entry("reply_options.text", SHORT),
          Map.entry("customer.email", SHORT),
          Map.entry("customer.customer.email", SHORT),
          // search (searchConversations, SearchContacts, searchTickets)
          Map.entry("query", SEARCH_VALUE),
          Map.entry("pagination.starting_after", CURSOR),
          // tags
          Map.entry("createTag name", TAG_NAME),
          // the operator API's workspaces and snapshots (not Intercom's)
          Map.entry("createWorkspace name", OPERATOR_NAME),
          Map.entry("saveSnapshot name", OPERATOR_NAME));

  private StringLimits() {}

  /**
   * The maximum of a string field.
   *
   * @param operationId Intercom's operationId of the request, or null
   * @param field the field's path without array indices, custom attribute names as {@code *}
   */
  public static int max(String operationId, String field) {
    if (operationId != null) {
      Integer own = MAX.get(operationId + " " + field);
      if (own != null) {
        return own;
      }
    }
    if (field.equals("query") || field.startsWith("query.")) {
      return SEARCH_VALUE;
    }
    return MAX.getOrDefault(field, DEFAULT);
  }

  /**
   * Checks one string value against its maximum.
   *
   * @param path the field's full path as errors name it ({@code attachment_files[0].name})
   * @throws ApiException 400 {@code parameter_invalid} naming {@code path} when it is longer
   */
  static void check(String value, int max, String path) {
    if (value.length() > max) {
      throw ApiException.invalid(path, path + " must be at most " + max + " characters");
    }
  }
}
