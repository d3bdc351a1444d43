package dev.parley.domain.ticket;

import dev.parley.domain.ApiException;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.domain.workspace.Caller;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ticket types, ticket type attributes and ticket states: {@code listTicketTypes}, {@code
 * createTicketType}, {@code getTicketType}, {@code updateTicketType}, {@code
 * createTicketTypeAttribute}, {@code updateTicketTypeAttribute} and {@code listTicketStates} of
 * Intercom's REST API 2.14 (docs/tickets.md).
 *
 * <p>Where the description is silent, parley follows its examples: a new type starts with the two
 * built-in attributes {@code _default_title_} (a single-line string) and {@code
 * _default_description_} (a multiline string); a workspace has Intercom's four default ticket
 * states, one per category, written the first time they are needed; every type uses every state of
 * its workspace that is not archived. Names are unique per workspace (types) and per type
 * (attributes), compared without case.
 */
public final class TicketTypeService {
  /** The default states: category, internal label, external label (the description's examples). */
  private static final List<String[]> DEFAULT_STATES =
      List.of(
          new String[] {"submitted", "Submitted", "Submitted"},
          new String[] {"in_progress", "In progress", "In progress"},
          new String[] {"waiting_on_customer", "Waiting on customer", "Waiting on you"},
          new String[] {"resolved", "Resolved", "Resolved"});

  private final Store store;
  private final Clock clock;

  /**
   * @param clock the server clock: created_at and updated_at in Unix seconds
   */
  public TicketTypeService(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Every ticket type of the workspace, archived ones included, by id ({@code listTicketTypes}).
   */
  public List<TicketTypeDetails> list(Caller caller) {
    long ws = caller.workspaceId();
    ensureStates(ws);
    return store.read(
        repos -> {
          List<TicketTypeAttribute> attributes = repos.ticketTypes().attributes(ws, null);
          List<TicketState> states = activeStates(repos, ws);
          List<TicketTypeDetails> out = new ArrayList<>();
          for (TicketType type : repos.ticketTypes().list(ws)) {
            out.add(
                new TicketTypeDetails(
                    type,
                    attributes.stream().filter(a -> a.ticketTypeId() == type.id()).toList(),
                    states));
          }
          return out;
        });
  }

  /**
   * Creates a ticket type with its two built-in attributes ({@code createTicketType}).
   *
   * @throws ApiException 400 {@code parameter_invalid} when a type of that name exists
   */
  public TicketTypeDetails create(Caller caller, TicketTypeChange change) {
    long ws = caller.workspaceId();
    long at = now();
    return store.write(
        repos -> {
          ensureStates(repos, ws);
          requireFreeName(repos, ws, change.name(), null);
          long id = repos.nextId("ticket_type");
          TicketType type =
              new TicketType(
                  ws,
                  id,
                  change.name(),
                  change.description() == null ? "" : change.description(),
                  change.icon() == null ? TicketType.DEFAULT_ICON : change.icon(),
                  change.category() == null ? "Customer" : change.category(),
                  Boolean.TRUE.equals(change.internal()),
                  false,
                  at,
                  at);
          repos.ticketTypes().insert(type);
          repos
              .ticketTypes()
              .insertAttribute(builtIn(repos, ws, id, "_default_title_", false, 0, at));
          repos
              .ticketTypes()
              .insertAttribute(builtIn(repos, ws, id, "_default_description_", true, 1, at));
          return details(repos, ws, type);
        });
  }

  /**
   * One ticket type ({@code getTicketType}).
   *
   * @throws ApiException 404 {@code not_found} for an id that is no type of the workspace
   */
  public TicketTypeDetails get(Caller caller, long ticketTypeId) {
    long ws = caller.workspaceId();
    ensureStates(ws);
    return store.read(repos -> details(repos, ws, requireType(repos, ws, ticketTypeId)));
  }

  /**
   * Changes the fields {@code change} gives ({@code updateTicketType}); {@code archived} archives
   * or restores the type.
   *
   * @throws ApiException 404 {@code not_found}; 400 {@code parameter_invalid} when the new name is
   *     another type's
   */
  public TicketTypeDetails update(Caller caller, long ticketTypeId, TicketTypeChange change) {
    long ws = caller.workspaceId();
    long at = now();
    return store.write(
        repos -> {
          ensureStates(repos, ws);
          TicketType t = requireType(repos, ws, ticketTypeId);
          if (change.name() != null) {
            requireFreeName(repos, ws, change.name(), t.id());
          }
          TicketType updated =
              new TicketType(
                  ws,
                  t.id(),
                  or(change.name(), t.name()),
                  or(change.description(), t.description()),
                  or(change.icon(), t.icon()),
                  or(change.category(), t.category()),
                  change.internal() == null ? t.internal() : change.internal(),
                  change.archived() == null ? t.archived() : change.archived(),
                  t.createdAt(),
                  Math.max(at, t.updatedAt()));
          repos.ticketTypes().update(updated);
          return details(repos, ws, updated);
        });
  }

  /**
   * Adds an attribute after the type's others ({@code createTicketTypeAttribute}).
   *
   * @throws ApiException 404 {@code not_found} for an unknown type; 400 {@code parameter_invalid}
   *     when the type has an attribute of that name, or for a list attribute without {@code
   *     list_items}
   */
  public TicketTypeAttribute createAttribute(
      Caller caller, long ticketTypeId, AttributeChange change) {
    long ws = caller.workspaceId();
    long at = now();
    return store.write(
        repos -> {
          requireType(repos, ws, ticketTypeId);
          requireFreeAttributeName(repos, ws, ticketTypeId, change.name(), null);
          int order = repos.ticketTypes().attributes(ws, ticketTypeId).size();
          TicketTypeAttribute attribute =
              new TicketTypeAttribute(
                  ws,
                  repos.nextId("ticket_type_attribute"),
                  ticketTypeId,
                  change.name(),
                  change.description(),
                  change.dataType(),
                  inputOptions(change.dataType(), change, null),
                  order,
                  Boolean.TRUE.equals(change.requiredToCreate()),
                  Boolean.TRUE.equals(change.requiredToCreateForContacts()),
                  !Boolean.FALSE.equals(change.visibleOnCreate()),
                  !Boolean.FALSE.equals(change.visibleToContacts()),
                  false,
                  false,
                  at,
                  at);
          repos.ticketTypes().insertAttribute(attribute);
          return attribute;
        });
  }

  /**
   * Changes the fields {@code change} gives ({@code updateTicketTypeAttribute}); the data type
   * stays. An archived attribute is still rendered, with {@code archived} true.
   *
   * @throws ApiException 404 {@code not_found} for an unknown type or attribute; 400 {@code
   *     parameter_invalid} when the new name is another attribute's of the type
   */
  public TicketTypeAttribute updateAttribute(
      Caller caller, long ticketTypeId, long attributeId, AttributeChange change) {
    long ws = caller.workspaceId();
    long at = now();
    return store.write(
        repos -> {
          requireType(repos, ws, ticketTypeId);
          TicketTypeAttribute a =
              repos
                  .ticketTypes()
                  .findAttribute(ws, ticketTypeId, attributeId)
                  .orElseThrow(ApiException::notFound);
          if (change.name() != null) {
            requireFreeAttributeName(repos, ws, ticketTypeId, change.name(), a.id());
          }
          TicketTypeAttribute updated =
              new TicketTypeAttribute(
                  ws,
                  a.id(),
                  a.ticketTypeId(),
                  or(change.name(), a.name()),
                  or(change.description(), a.description()),
                  a.dataType(),
                  inputOptions(a.dataType(), change, a.inputOptions()),
                  a.order(),
                  or(change.requiredToCreate(), a.requiredToCreate()),
                  or(change.requiredToCreateForContacts(), a.requiredToCreateForContacts()),
                  or(change.visibleOnCreate(), a.visibleOnCreate()),
                  or(change.visibleToContacts(), a.visibleToContacts()),
                  a.builtIn(),
                  or(change.archived(), a.archived()),
                  a.createdAt(),
                  Math.max(at, a.updatedAt()));
          repos.ticketTypes().updateAttribute(updated);
          return updated;
        });
  }

  /**
   * The workspace's ticket states with the types that use them ({@code listTicketStates}).
   *
   * @return each state with the ticket types that are not archived
   */
  public Map<TicketState, List<TicketType>> states(Caller caller) {
    long ws = caller.workspaceId();
    ensureStates(ws);
    return store.read(
        repos -> {
          List<TicketType> types =
              repos.ticketTypes().list(ws).stream().filter(t -> !t.archived()).toList();
          Map<TicketState, List<TicketType>> out = new LinkedHashMap<>();
          for (TicketState state : repos.ticketTypes().states(ws)) {
            out.put(state, state.archived() ? List.of() : types);
          }
          return out;
        });
  }

  /**
   * Adds a ticket state to a workspace (the operator command {@code ticket-state create}; Intercom
   * lets admins add states in its settings, not through the API).
   *
   * @throws ApiException 400 {@code parameter_invalid} for an unknown category or a label the
   *     category already has
   */
  public TicketState addState(
      long workspaceId, String category, String internalLabel, String externalLabel) {
    if (!TicketState.CATEGORIES.contains(category)) {
      throw ApiException.invalid(
          "category", "category must be one of " + String.join(", ", TicketState.CATEGORIES));
    }
    return store.write(
        repos -> {
          ensureStates(repos, workspaceId);
          TicketState state =
              new TicketState(
                  workspaceId,
                  repos.nextId("ticket_state"),
                  category,
                  internalLabel,
                  externalLabel,
                  false);
          if (!repos.ticketTypes().insertStateIfAbsent(state)) {
            throw ApiException.invalid(
                "internal_label",
                "The category " + category + " already has a state named " + internalLabel);
          }
          return state;
        });
  }

  private void ensureStates(long ws) {
    boolean missing = store.read(repos -> repos.ticketTypes().states(ws).isEmpty());
    if (missing) {
      store.write(
          repos -> {
            ensureStates(repos, ws);
            return null;
          });
    }
  }

  static void ensureStates(Repositories repos, long ws) {
    if (!repos.ticketTypes().states(ws).isEmpty()) {
      return;
    }
    for (String[] s : DEFAULT_STATES) {
      repos
          .ticketTypes()
          .insertStateIfAbsent(
              new TicketState(ws, repos.nextId("ticket_state"), s[0], s[1], s[2], false));
    }
  }

  static TicketTypeDetails details(Repositories repos, long ws, TicketType type) {
    return new TicketTypeDetails(
        type, repos.ticketTypes().attributes(ws, type.id()), activeStates(repos, ws));
  }

  static List<TicketState> activeStates(Repositories repos, long ws) {
    return repos.ticketTypes().states(ws).stream().filter(s -> !s.archived()).toList();
  }

  private static TicketType requireType(Repositories repos, long ws, long id) {
    return repos.ticketTypes().find(ws, id).orElseThrow(ApiException::notFound);
  }

  private static void requireFreeName(Repositories repos, long ws, String name, Long self) {
    repos
        .ticketTypes()
        .findByName(ws, name)
        .filter(t -> self == null || t.id() != self)
        .ifPresent(
            t -> {
              throw ApiException.invalid(
                  "name", "A ticket type named " + name + " already exists (id " + t.id() + ")");
            });
  }

  private static void requireFreeAttributeName(
      Repositories repos, long ws, long typeId, String name, Long self) {
    repos
        .ticketTypes()
        .findAttributeByName(ws, typeId, name)
        .filter(a -> self == null || a.id() != self)
        .ifPresent(
            a -> {
              throw ApiException.invalid(
                  "name", "The ticket type already has an attribute named " + name);
            });
  }

  private static TicketTypeAttribute builtIn(
      Repositories repos,
      long ws,
      long typeId,
      String name,
      boolean multiline,
      int order,
      long at) {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("multiline", multiline);
    return new TicketTypeAttribute(
        ws,
        repos.nextId("ticket_type_attribute"),
        typeId,
        name,
        "",
        "string",
        options,
        order,
        false,
        false,
        true,
        true,
        true,
        false,
        at,
        at);
  }

  /**
   * The input options of an attribute of {@code dataType}: {@code multiline} for strings, {@code
   * list_options} (each {@code {type: "list_option", id, value}}) for lists, {@code
   * allow_multiple_values} for files; null for the other types.
   */
  private static Map<String, Object> inputOptions(
      String dataType, AttributeChange change, Map<String, Object> current) {
    Map<String, Object> options =
        current == null ? new LinkedHashMap<>() : new LinkedHashMap<>(current);
    switch (dataType) {
      case "string" -> {
        if (change.multiline() != null || current == null) {
          options.put("multiline", Boolean.TRUE.equals(change.multiline()));
        }
      }
      case "list" -> {
        if (change.listItems() != null) {
          List<Map<String, Object>> items = new ArrayList<>();
          for (String item : change.listItems().split(",")) {
            if (!item.isBlank()) {
              Map<String, Object> option = new LinkedHashMap<>();
              option.put("type", "list_option");
              option.put("id", Integer.toString(items.size() + 1));
              option.put("value", item.strip());
              items.add(option);
            }
          }
          if (items.isEmpty()) {
            throw ApiException.invalid("list_items", "list_items must name at least one item");
          }
          options.put("list_options", items);
        } else if (current == null) {
          throw ApiException.invalid(
              "list_items", "A list attribute needs list_items, a comma-separated list");
        }
      }
      case "files" -> {
        if (change.allowMultipleValues() != null || current == null) {
          options.put("allow_multiple_values", Boolean.TRUE.equals(change.allowMultipleValues()));
        }
      }
      default -> {
        return null;
      }
    }
    return options;
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }
}
