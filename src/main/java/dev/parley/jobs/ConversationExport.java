package dev.parley.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.Store;
import dev.parley.domain.conversation.AppliedTag;
import dev.parley.domain.conversation.ConversationMetrics;
import dev.parley.domain.reporting.ConversationAttribute;
import dev.parley.domain.reporting.ConversationReportRow;
import dev.parley.domain.reporting.ExportJob;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Streams the conversation dataset of one job into a gzip CSV: a header row of the attribute
 * ids asked for, then one row per reporting record whose {@code conversation_started_at} is
 * in the job's range, ordered by that time and the conversation id. The rows are read in
 * slices of {@value #SLICE}, each slice in its own short read transaction (on SQLite a long
 * one would hold back the write-ahead-log checkpoint that erasure relies on), so memory stays
 * bounded whatever the size of the export.
 *
 * <p>Values: integers and Unix seconds in decimal, empty for null; {@code deleted} is
 * {@code true} or {@code false}; tags and contact ids are JSON arrays of strings, custom
 * attributes the stored JSON object; every attribute that comes from content is empty for an
 * erased conversation.
 */
final class ConversationExport {
  /** Rows per slice (one read transaction). */
  static final int SLICE = 2000;

  private static final ObjectMapper JSON = new ObjectMapper();
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
          ConversationAttribute.byId(id).orElseThrow(() -> new IllegalStateException("unknown attribute in a job")));
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
      Writer writer = new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8), BUFFER);
      CsvWriter csv = new CsvWriter(writer);
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
        Slice slice =
            store.read(
                repos -> {
                  List<ConversationReportRow> read =
                      repos.reporting().conversationRows(ws, job.startTime(), job.endTime(), fromAt, fromId, SLICE);
                  List<Long> live = new ArrayList<>();
                  for (ConversationReportRow row : read) {
                    if (row.live()) {
                      live.add(row.metrics().conversationId());
                    }
                  }
                  Map<Long, List<AppliedTag>> tags =
                      withTags && !live.isEmpty() ? repos.conversations().tags(ws, live) : Map.of();
                  Map<Long, List<String>> contacts =
                      withContacts && !live.isEmpty() ? repos.conversations().contactIds(ws, live) : Map.of();
                  return new Slice(read, tags, contacts);
                });
        for (ConversationReportRow row : slice.rows) {
          for (ConversationAttribute attribute : attributes) {
            csv.field(value(attribute, row, slice));
          }
          csv.endRow();
        }
        rows += slice.rows.size();
        if (slice.rows.size() < SLICE) {
          break;
        }
        ConversationMetrics last = slice.rows.get(slice.rows.size() - 1).metrics();
        afterAt = last.createdAt();
        afterId = last.conversationId();
      }
      writer.flush();
      gzip.finish();
      return rows;
    } finally {
      gzip.release();
    }
  }

  private static String value(ConversationAttribute attribute, ConversationReportRow row, Slice slice)
      throws JsonProcessingException {
    ConversationMetrics m = row.metrics();
    if (attribute.fromContent() && !row.live()) {
      return "";
    }
    return switch (attribute) {
      case CONVERSATION_ID -> Long.toString(m.conversationId());
      case CONVERSATION_STARTED_AT -> Long.toString(m.createdAt());
      case CONVERSATION_UPDATED_AT -> Long.toString(m.updatedAt());
      case STATE -> m.state();
      case CHANNEL -> m.sourceType();
      case DELIVERED_AS -> m.sourceDeliveredAs();
      case ADMIN_ASSIGNEE_ID -> text(m.adminAssigneeId());
      case TEAM_ASSIGNEE_ID -> text(m.teamAssigneeId());
      case FIRST_CONTACT_REPLY_AT -> text(m.firstContactReplyAt());
      case FIRST_ASSIGNMENT_AT -> text(m.firstAssignmentAt());
      case FIRST_ADMIN_REPLY_AT -> text(m.firstAdminReplyAt());
      case FIRST_CLOSE_AT -> text(m.firstCloseAt());
      case LAST_ASSIGNMENT_AT -> text(m.lastAssignmentAt());
      case LAST_ASSIGNMENT_ADMIN_REPLY_AT -> text(m.lastAssignmentAdminReplyAt());
      case LAST_CONTACT_REPLY_AT -> text(m.lastContactReplyAt());
      case LAST_ADMIN_REPLY_AT -> text(m.lastAdminReplyAt());
      case LAST_CLOSE_AT -> text(m.lastCloseAt());
      case LAST_CLOSED_BY_ID -> text(m.lastClosedById());
      case COUNT_CONVERSATION_PARTS -> Integer.toString(m.countParts());
      case COUNT_REOPENS -> Integer.toString(m.countReopens());
      case COUNT_ASSIGNMENTS -> Integer.toString(m.countAssignments());
      case DELETED -> m.deletedAt() != null ? "true" : "false";
      case DELETED_AT -> text(m.deletedAt());
      case CONVERSATION_TITLE -> row.title() == null ? "" : row.title();
      case PRIORITY -> row.priority() == null ? "" : row.priority();
      case CONVERSATION_TAGS -> tagNames(slice.tags.get(m.conversationId()));
      case CONVERSATION_CUSTOM_ATTRIBUTES ->
          row.customAttributesJson() == null || row.customAttributesJson().isEmpty() ? "{}" : row.customAttributesJson();
      case CONTACT_IDS -> JSON.writeValueAsString(slice.contacts.getOrDefault(m.conversationId(), List.of()));
    };
  }

  private static String tagNames(List<AppliedTag> tags) throws JsonProcessingException {
    if (tags == null || tags.isEmpty()) {
      return "[]";
    }
    List<String> names = new ArrayList<>(tags.size());
    for (AppliedTag tag : tags) {
      names.add(tag.tag().name());
    }
    return JSON.writeValueAsString(names);
  }

  private static String text(Long value) {
    return value == null ? "" : Long.toString(value);
  }

  private record Slice(
      List<ConversationReportRow> rows, Map<Long, List<AppliedTag>> tags, Map<Long, List<String>> contacts) {}

  /** gzip at a fast level whose native memory is released even when the export stops. */
  private static final class Gzip extends GZIPOutputStream {
    Gzip(OutputStream out) throws IOException {
      super(out, BUFFER);
      def.setLevel(Deflater.DEFAULT_COMPRESSION);
    }

    void release() {
      def.end();
    }
  }
}
