package dev.parley.domain.reporting;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One dataset of {@code GET /export/reporting_data/get_datasets} (Intercom 2.14, "Reporting Data
 * Export").
 *
 * @param id the {@code dataset_id} clients enqueue ({@code "conversation"})
 * @param defaultTimeAttributeId the attribute that {@code start_time} and {@code end_time} filter
 *     on
 * @param attributes every attribute, in the order of the listing
 */
public record Dataset(
    String id,
    String name,
    String description,
    String defaultTimeAttributeId,
    List<Attribute> attributes) {

  /** The conversation dataset: one row per conversation, erased ones included. */
  public static final Dataset CONVERSATION =
      new Dataset(
          "conversation",
          "Conversation",
          "Conversation-level details: status, channel, assignee, response and close times, counts."
              + " One row per conversation that started in the time range, deleted conversations"
              + " included with deleted=true and their content attributes empty.",
          ConversationAttribute.CONVERSATION_STARTED_AT.id(),
          Arrays.stream(ConversationAttribute.values())
              .map(a -> new Attribute(a.id(), a.displayName()))
              .toList());

  /** Every dataset parley serves. */
  public static List<Dataset> all() {
    return List.of(CONVERSATION);
  }

  /** The dataset with this id, or empty. */
  public static Optional<Dataset> byId(String id) {
    return all().stream().filter(d -> d.id().equals(id)).findFirst();
  }

  /** One attribute: its id and human readable name. */
  public record Attribute(String id, String name) {}
}
