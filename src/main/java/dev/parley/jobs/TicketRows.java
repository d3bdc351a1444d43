package dev.parley.jobs;

import dev.parley.domain.Repositories;
import dev.parley.domain.conversation.ConversationMetrics;
import dev.parley.domain.conversation.ConversationState;
import dev.parley.domain.reporting.ExportJob;
import dev.parley.domain.reporting.TicketAttribute;
import dev.parley.domain.reporting.TicketReportRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of the {@code ticket} dataset ({@link TicketAttribute}): one per ticket's reporting
 * record, erased tickets included with every value kept (none comes from content). {@code open} is
 * {@code false} once the ticket's conversation is closed (a snoozed ticket is open).
 */
final class TicketRows implements DatasetExport.Rows<TicketReportRow> {
  private final ExportJob job;
  private final List<TicketAttribute> attributes = new ArrayList<>();

  TicketRows(ExportJob job) {
    this.job = job;
    for (String id : job.attributeIds()) {
      attributes.add(
          TicketAttribute.byId(id)
              .orElseThrow(() -> new IllegalStateException("unknown attribute in a job")));
    }
  }

  @Override
  public List<TicketReportRow> slice(Repositories repos, long afterAt, long afterId, int limit) {
    return repos
        .reporting()
        .ticketRows(job.workspaceId(), job.startTime(), job.endTime(), afterAt, afterId, limit);
  }

  @Override
  public ConversationMetrics metrics(TicketReportRow row) {
    return row.metrics();
  }

  @Override
  public void write(CsvWriter csv, TicketReportRow row) throws IOException {
    ConversationMetrics m = row.metrics();
    for (TicketAttribute attribute : attributes) {
      switch (attribute) {
        case CONVERSATION_ID -> csv.field(m.conversationId());
        case TICKET_ID -> csv.field(row.number());
        case TICKET_CREATED_AT -> csv.field(m.createdAt());
        case TICKET_UPDATED_AT -> csv.field(m.updatedAt());
        case TICKET_TYPE_ID -> csv.field(row.typeId());
        case TICKET_TYPE_NAME -> csv.field(row.typeName());
        case TICKET_CATEGORY -> csv.field(row.category());
        case TICKET_STATE_ID -> csv.field(row.stateId());
        case TICKET_STATE -> csv.field(row.stateCategory());
        case TICKET_STATE_LABEL -> csv.field(row.stateLabel());
        case TICKET_STATE_UPDATED_AT -> csv.field(row.stateUpdatedAt());
        case FIRST_RESOLVED_AT -> csv.field(row.firstResolvedAt());
        case LAST_RESOLVED_AT -> csv.field(row.lastResolvedAt());
        case OPEN -> csv.field(m.state() != ConversationState.CLOSED ? "true" : "false");
        case STATE -> csv.field(m.state().wireValue());
        case ADMIN_ASSIGNEE_ID -> csv.field(m.adminAssigneeId());
        case TEAM_ASSIGNEE_ID -> csv.field(m.teamAssigneeId());
        case FIRST_CLOSE_AT -> csv.field(m.firstCloseAt());
        case LAST_CLOSE_AT -> csv.field(m.lastCloseAt());
        case LAST_CLOSED_BY_ID -> csv.field(m.lastClosedById());
        case COUNT_TICKET_PARTS -> csv.field(m.countParts());
        case DELETED -> csv.field(m.deletedAt() != null ? "true" : "false");
        case DELETED_AT -> csv.field(m.deletedAt());
      }
    }
  }
}
