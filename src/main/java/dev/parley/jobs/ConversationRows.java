package dev.parley.jobs;

import dev.parley.domain.Repositories;
import dev.parley.domain.conversation.ConversationMetrics;
import dev.parley.domain.reporting.ConversationAttribute;
import dev.parley.domain.reporting.ConversationReportRow;
import dev.parley.domain.reporting.ExportJob;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of the {@code conversation} dataset ({@link ConversationAttribute}): one per reporting
 * record, erased conversations included. Tags and contact ids are JSON arrays of strings, custom
 * attributes the stored JSON object; every attribute that comes from content is empty for an erased
 * conversation.
 */
final class ConversationRows implements DatasetExport.Rows<ConversationReportRow> {
  private final ExportJob job;
  private final List<ConversationAttribute> attributes = new ArrayList<>();
  private final boolean withTags;
  private final boolean withContacts;

  ConversationRows(ExportJob job) {
    this.job = job;
    for (String id : job.attributeIds()) {
      attributes.add(
          ConversationAttribute.byId(id)
              .orElseThrow(() -> new IllegalStateException("unknown attribute in a job")));
    }
    this.withTags = attributes.contains(ConversationAttribute.CONVERSATION_TAGS);
    this.withContacts = attributes.contains(ConversationAttribute.CONTACT_IDS);
  }

  @Override
  public List<ConversationReportRow> slice(
      Repositories repos, long afterAt, long afterId, int limit) {
    return repos
        .reporting()
        .conversationRows(
            job.workspaceId(),
            job.startTime(),
            job.endTime(),
            afterAt,
            afterId,
            limit,
            withTags,
            withContacts);
  }

  @Override
  public ConversationMetrics metrics(ConversationReportRow row) {
    return row.metrics();
  }

  @Override
  public void write(CsvWriter csv, ConversationReportRow row) throws IOException {
    for (ConversationAttribute attribute : attributes) {
      write(csv, attribute, row);
    }
  }

  private static void write(
      CsvWriter csv, ConversationAttribute attribute, ConversationReportRow row)
      throws IOException {
    ConversationMetrics m = row.metrics();
    if (attribute.fromContent() && !row.live()) {
      csv.field((String) null);
      return;
    }
    switch (attribute) {
      case CONVERSATION_ID -> csv.field(m.conversationId());
      case CONVERSATION_STARTED_AT -> csv.field(m.createdAt());
      case CONVERSATION_UPDATED_AT -> csv.field(m.updatedAt());
      case STATE -> csv.field(m.state().wireValue());
      case CHANNEL -> csv.field(m.sourceType());
      case DELIVERED_AS -> csv.field(m.sourceDeliveredAs());
      case ADMIN_ASSIGNEE_ID -> csv.field(m.adminAssigneeId());
      case TEAM_ASSIGNEE_ID -> csv.field(m.teamAssigneeId());
      case FIRST_CONTACT_REPLY_AT -> csv.field(m.firstContactReplyAt());
      case FIRST_ASSIGNMENT_AT -> csv.field(m.firstAssignmentAt());
      case FIRST_ADMIN_REPLY_AT -> csv.field(m.firstAdminReplyAt());
      case FIRST_CLOSE_AT -> csv.field(m.firstCloseAt());
      case LAST_ASSIGNMENT_AT -> csv.field(m.lastAssignmentAt());
      case LAST_ASSIGNMENT_ADMIN_REPLY_AT -> csv.field(m.lastAssignmentAdminReplyAt());
      case LAST_CONTACT_REPLY_AT -> csv.field(m.lastContactReplyAt());
      case LAST_ADMIN_REPLY_AT -> csv.field(m.lastAdminReplyAt());
      case LAST_CLOSE_AT -> csv.field(m.lastCloseAt());
      case LAST_CLOSED_BY_ID -> csv.field(m.lastClosedById());
      case COUNT_CONVERSATION_PARTS -> csv.field(m.countParts());
      case COUNT_REOPENS -> csv.field(m.countReopens());
      case COUNT_ASSIGNMENTS -> csv.field(m.countAssignments());
      case DELETED -> csv.field(m.deletedAt() != null ? "true" : "false");
      case DELETED_AT -> csv.field(m.deletedAt());
      case CONVERSATION_TITLE -> csv.field(row.title());
      case PRIORITY -> csv.field(row.priority());
      case CONVERSATION_TAGS -> csv.field(row.tagNamesJson() == null ? "[]" : row.tagNamesJson());
      case CONVERSATION_CUSTOM_ATTRIBUTES ->
          csv.field(
              row.customAttributesJson() == null || row.customAttributesJson().isEmpty()
                  ? "{}"
                  : row.customAttributesJson());
      case CONTACT_IDS -> csv.field(row.contactIdsJson() == null ? "[]" : row.contactIdsJson());
    }
  }
}
