package dev.parley.domain.operator;

import java.util.List;
import java.util.Map;

/**
 * A workspace's content as a fixture describes it (issue 17, "Seeding";
 * docs/testing-with-parley.md, "Seeding a workspace"). Objects name each other by {@code ref}, the
 * fixture's own name for an object, unique within its kind; parley assigns the ids. Times are Unix
 * seconds, none after the server clock's now.
 *
 * @param workspace the workspace's name, or null (the HTTP route's path names it)
 */
public record Seed(
    String workspace,
    List<Admin> admins,
    List<Team> teams,
    List<Tag> tags,
    List<Contact> contacts,
    List<Conversation> conversations) {

  /** An admin (no inbox owner, with an inbox seat). */
  public record Admin(String ref, String name, String email) {}

  /**
   * A team.
   *
   * @param admins refs of its admin members
   */
  public record Team(String ref, String name, List<String> admins) {}

  /** A tag; a name the workspace already has (case-insensitive) is that tag. */
  public record Tag(String ref, String name) {}

  /**
   * A contact.
   *
   * @param role {@code user} or {@code lead}; null is {@code user}
   * @param customAttributes name to a string, number or boolean, or null
   * @param createdAt Unix seconds, or null for now
   * @param tags tag refs, applied at the contact's creation by the workspace's first admin
   * @param notes notes about the contact
   */
  public record Contact(
      String ref,
      String role,
      String email,
      String externalId,
      String name,
      Map<String, Object> customAttributes,
      Long createdAt,
      List<String> tags,
      List<Note> notes) {}

  /**
   * A note about a contact, as {@code createNote} writes one.
   *
   * @param admin its author, an admin ref, or null for the workspace's first admin
   * @param body its text (wrapped in a paragraph when it holds no HTML)
   * @param createdAt Unix seconds, or null for now
   */
  public record Note(String admin, String body, Long createdAt) {}

  /**
   * A conversation started by a contact's message.
   *
   * @param contact the ref of the contact who wrote the first message
   * @param createdAt Unix seconds of the first message
   * @param state {@code open}, {@code closed} or {@code snoozed}; null is open
   * @param snoozedUntil for {@code snoozed}: Unix seconds in the future, or null for a day after
   *     now
   * @param adminAssignee an admin ref, or null
   * @param teamAssignee a team ref, or null
   * @param tags tag refs
   * @param parts replies and notes after the first message, in time order
   */
  public record Conversation(
      String ref,
      String contact,
      Long createdAt,
      String subject,
      String body,
      String state,
      Long snoozedUntil,
      String adminAssignee,
      String teamAssignee,
      List<String> tags,
      List<Part> parts) {}

  /**
   * A reply or a note, written by an admin or by a contact (exactly one of them).
   *
   * @param type {@code comment} or {@code note} (notes are by admins)
   * @param admin an admin ref, or null
   * @param contact a contact ref, or null
   * @param createdAt Unix seconds, not before the conversation's nor the previous part's
   */
  public record Part(String type, String admin, String contact, String body, Long createdAt) {}

  /**
   * The ids parley gave a fixture's objects, by kind ({@code admins}, {@code teams}, {@code tags},
   * {@code contacts}, {@code conversations}) and then by ref; ids as strings.
   */
  public record Ids(Map<String, Map<String, String>> byKind) {}
}
