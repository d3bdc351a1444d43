package dev.parley.domain.segment;

/**
 * A segment (Intercom's {@code segment}): a named group of a workspace's contacts of one kind. In
 * Intercom rules define a segment; in parley an operator adds its contacts.
 *
 * @param id a positive integer, a string on the wire
 * @param personType {@code "user"} for a segment of users, {@code "contact"} for one of leads (the
 *     description's enum)
 * @param createdAt Unix seconds; likewise {@code updatedAt}
 */
public record Segment(
    long workspaceId, long id, String name, String personType, long createdAt, long updatedAt) {

  /** The contact role ({@code "user"} or {@code "lead"}) whose contacts the segment holds. */
  public String role() {
    return personType.equals("user") ? "user" : "lead";
  }
}
