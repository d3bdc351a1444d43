package dev.parley.domain.ticket;

import java.util.List;
import java.util.Optional;

/** Ticket types, their attributes and the workspace's ticket states in the store. */
public interface TicketTypeRepository {
  void insert(TicketType type);

  Optional<TicketType> find(long workspaceId, long ticketTypeId);

  Optional<TicketType> findByName(long workspaceId, String name);

  /** Every ticket type of the workspace, archived ones included, by id. */
  List<TicketType> list(long workspaceId);

  /** Writes name, description, icon, category, is_internal, archived and updated_at. */
  void update(TicketType type);

  void insertAttribute(TicketTypeAttribute attribute);

  Optional<TicketTypeAttribute> findAttribute(long workspaceId, long ticketTypeId, long id);

  Optional<TicketTypeAttribute> findAttributeByName(
      long workspaceId, long ticketTypeId, String name);

  /** The attributes of the workspace's types (all of them when {@code ticketTypeId} is null). */
  List<TicketTypeAttribute> attributes(long workspaceId, Long ticketTypeId);

  /** Writes every mutable field of the attribute (all but ids, data type, default, created_at). */
  void updateAttribute(TicketTypeAttribute attribute);

  /**
   * Adds the state unless the workspace has one of that category and internal label already.
   *
   * @return whether it was added
   */
  boolean insertStateIfAbsent(TicketState state);

  /** The workspace's ticket states, by id. */
  List<TicketState> states(long workspaceId);
}
