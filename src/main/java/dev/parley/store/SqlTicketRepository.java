package dev.parley.store;

import dev.parley.domain.search.SearchQuery;
import dev.parley.domain.search.SearchResult;
import dev.parley.domain.ticket.Job;
import dev.parley.domain.ticket.Ticket;
import dev.parley.domain.ticket.TicketRepository;
import dev.parley.store.search.TicketSearchColumns;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * {@link TicketRepository} in SQL: the {@code ticket_*} columns of {@code conversations} (migration
 * 18); a row with {@code ticket_type_id} NULL is a plain conversation.
 */
record SqlTicketRepository(Handle handle, Dialect dialect) implements TicketRepository {
  private static final RowMapper<Ticket> TICKET =
      (rs, ctx) ->
          new Ticket(
              rs.getLong("workspace_id"),
              rs.getLong("id"),
              rs.getLong("ticket_number"),
              rs.getLong("ticket_type_id"),
              rs.getLong("ticket_state_id"),
              rs.getString("ticket_category"),
              Rows.jsonMap(rs.getString("ticket_attributes")),
              rs.getBoolean("ticket_is_shared"));

  @Override
  public void save(Ticket t) {
    handle
        .createUpdate(
            "UPDATE conversations SET ticket_type_id = :ticketTypeId, ticket_state_id ="
                + " :ticketStateId, ticket_category = :category, ticket_number = :number,"
                + " ticket_attributes = :json, ticket_is_shared = :shared WHERE workspace_id ="
                + " :workspaceId AND id = :id")
        .bindMethods(t)
        .bind("json", Rows.json(t.attributes()))
        .execute();
  }

  @Override
  public void recordReporting(Ticket t, String stateCategory, long at) {
    // The right-hand sides read the record as it was before this statement (both stores).
    String intoResolved =
        "(:stateCategory = 'resolved' AND (ticket_state_category IS NULL OR"
            + " ticket_state_category <> 'resolved'))";
    handle
        .createUpdate(
            "UPDATE conversation_metrics SET ticket_state_updated_at = CASE WHEN ticket_state_id IS"
                + " NULL OR ticket_state_id <> :ticketStateId THEN :at ELSE ticket_state_updated_at"
                + " END, ticket_first_resolved_at = CASE WHEN "
                + intoResolved
                + " THEN COALESCE(ticket_first_resolved_at, :at) ELSE ticket_first_resolved_at END,"
                + " ticket_last_resolved_at = CASE WHEN "
                + intoResolved
                + " THEN :at ELSE ticket_last_resolved_at END, ticket_number = :number,"
                + " ticket_type_id = :ticketTypeId, ticket_category = :category, ticket_state_id ="
                + " :ticketStateId, ticket_state_category = :stateCategory WHERE workspace_id ="
                + " :workspaceId AND conversation_id = :id")
        .bindMethods(t)
        .bind("stateCategory", stateCategory)
        .bind("at", at)
        .execute();
  }

  @Override
  public Optional<Ticket> find(long workspaceId, long ticketId) {
    return handle
        .createQuery(
            "SELECT workspace_id, id, ticket_number, ticket_type_id, ticket_state_id,"
                + " ticket_category, ticket_attributes, ticket_is_shared FROM conversations WHERE"
                + " workspace_id = :ws AND id = :id AND ticket_type_id IS NOT NULL AND EXISTS"
                + " (SELECT 1 FROM ticket_types t WHERE t.workspace_id = conversations.workspace_id"
                + " AND t.id = conversations.ticket_type_id) AND EXISTS (SELECT 1 FROM"
                + " ticket_states s WHERE s.workspace_id = conversations.workspace_id AND s.id ="
                + " conversations.ticket_state_id)")
        .bind("ws", workspaceId)
        .bind("id", ticketId)
        .map(TICKET)
        .findOne();
  }

  @Override
  public SearchResult<Ticket> search(
      long workspaceId, SearchQuery query, Long beforeCreatedAt, Long beforeId, int limit) {
    return SqlSearchPages.search(
        handle,
        dialect,
        "conversations",
        TicketSearchColumns.tickets(dialect),
        TicketSearchColumns.COLUMNS,
        query,
        workspaceId,
        beforeCreatedAt,
        beforeId,
        limit,
        TICKET);
  }

  @Override
  public void insertJob(Job job) {
    handle
        .createUpdate(
            "INSERT INTO jobs (workspace_id, id, status, resource_type, resource_id, created_at)"
                + " VALUES (:workspaceId, :id, :status, :resourceType, :resourceId, :createdAt)")
        .bindMethods(job)
        .execute();
  }

  @Override
  public Optional<Job> findJob(long workspaceId, long jobId) {
    return handle
        .createQuery("SELECT * FROM jobs WHERE workspace_id = :ws AND id = :id")
        .bind("ws", workspaceId)
        .bind("id", jobId)
        .map(
            (rs, ctx) ->
                new Job(
                    rs.getLong("workspace_id"),
                    rs.getLong("id"),
                    rs.getString("status"),
                    rs.getString("resource_type"),
                    (Long) rs.getObject("resource_id", Long.class),
                    rs.getLong("created_at")))
        .findOne();
  }
}
