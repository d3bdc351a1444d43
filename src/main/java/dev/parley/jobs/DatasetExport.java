package dev.parley.jobs;

import dev.parley.domain.Store;
import dev.parley.domain.conversation.ConversationMetrics;
import dev.parley.domain.reporting.ConversationAttribute;
import dev.parley.domain.reporting.ConversationReportRow;
import dev.parley.domain.reporting.ExportJob;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Streams the conversation dataset of one job into a gzip CSV: a header row of the attribute ids
 * asked for, then one row per reporting record whose {@code conversation_started_at} is in the
 * job's range, ordered by that time and the conversation id. The rows are read in slices of {@value
 * #SLICE}, each slice in its own short read transaction (on SQLite a long one would hold back the
 * write-ahead-log checkpoint that erasure relies on), so memory stays bounded whatever the size of
 * the export.
 *
 * <p>Values: integers and Unix seconds in decimal, empty for null; {@code deleted} is {@code true}
 * or {@code false}; tags and contact ids are JSON arrays of strings, custom attributes the stored
 * JSON object; every attribute that comes from content is empty for an erased conversation.
 */
final class ConversationExport {
  /** Rows per slice (one read transaction). */
  static final int SLICE = 2000;

  private static final int BUFFER = 1 << 16;

  /** Called before every slice with the rows written so far; may stop the export by throwing. */
  interface Checkpoint {
    void reached(long rows) throws Stopped;
  }

  /** Thrown by a {@link Checkpoint} to stop an export; the partial output is then discarded. */
  static final class Stopped extends Exception {
    private static final long serialVersionUID = 1L;

    Stopped(String reason) {
      super(reason, null, false, false);
    }
  }

  private final Store store;
  private final ExportJob job;
  private final List<ConversationAttribute> attributes;
  private final boolean withTags;
  private final boolean withContacts;

  ConversationExport(Store store, ExportJob job) {
    this.store = store;
    this.job = job;
    this.attributes = new ArrayList<>();
    for (String id : job.attributeIds()) {
      attributes.add(
          ConversationAttribute.byId(id)
              .orElseThrow(() -> new IllegalStateException("unknown attribute in a job")));
    }
    this.withTags = attributes.contains(ConversationAttribute.CONVERSATION_TAGS);
    this.withContacts = attributes.contains(ConversationAttribute.CONTACT_IDS);
  }

  /**
   * Writes the whole export to {@code out} (which the caller closes).
   *
   * @return the number of data rows written
   * @throws Stopped when the checkpoint stopped it
   */
  long writeTo(OutputStream out, Checkpoint checkpoint) throws IOException, Stopped {
    Gzip gzip = new Gzip(out);
    try {
      CsvWriter csv = new CsvWriter(gzip);
      for (ConversationAttribute attribute : attributes) {
        csv.field(attribute.id());
      }
      csv.endRow();
      long ws = job.workspaceId();
      long afterAt = job.startTime();
      long afterId = -1;
      long rows = 0;
      while (true) {
        checkpoint.reached(rows);
        long fromAt = afterAt;
        long fromId = afterId;
        List<ConversationReportRow> slice =
            store.read(
                repos ->
                    repos
                        .reporting()
                        .conversationRows(
                            ws,
                            job.startTime(),
                            job.endTime(),
                            fromAt,
                            fromId,
                            SLICE,
                            withTags,
                            withContacts));
        for (ConversationReportRow row : slice) {
          for (ConversationAttribute attribute : attributes) {
            write(csv, attribute, row);
          }
          csv.endRow();
        }
        rows += slice.size();
        if (slice.size() < SLICE) {
          break;
        }
        ConversationMetrics last = slice.get(slice.size() - 1).metrics();
        afterAt = last.createdAt();
        afterId = last.conversationId();
      }
      csv.flush();
      gzip.finish();
      return rows;
    } finally {
      gzip.release();
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

  /** gzip at the fastest level, whose native memory is released even when the export stops. */
  private static final class Gzip extends GZIPOutputStream {
    Gzip(OutputStream out) throws IOException {
      super(out, BUFFER);
      // The fastest level: a CSV of ids and times still shrinks about tenfold, and the export
      // is bound by compression at higher levels.
      def.setLevel(Deflater.BEST_SPEED);
    }

    void release() {
      def.end();
    }
  }
}
