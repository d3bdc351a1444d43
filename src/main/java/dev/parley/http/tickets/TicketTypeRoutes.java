package dev.parley.http.tickets;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.ApiException;
import dev.parley.domain.Ids;
import dev.parley.domain.ticket.AttributeChange;
import dev.parley.domain.ticket.TicketState;
import dev.parley.domain.ticket.TicketType;
import dev.parley.domain.ticket.TicketTypeAttribute;
import dev.parley.domain.ticket.TicketTypeChange;
import dev.parley.domain.ticket.TicketTypeDetails;
import dev.parley.domain.ticket.TicketTypeService;
import dev.parley.domain.workspace.Scope;
import dev.parley.http.ApiRoute;
import dev.parley.http.RequestContext;
import dev.parley.http.Wire;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Intercom's ticket type, ticket type attribute and ticket state operations of the REST API 2.14:
 * {@code listTicketTypes}, {@code createTicketType}, {@code getTicketType}, {@code
 * updateTicketType}, {@code createTicketTypeAttribute}, {@code updateTicketTypeAttribute}, {@code
 * listTicketStates}. The JSON follows the description's examples: a type's attributes and states
 * are each {@code {"type": "list", "data": [...]}}. docs/tickets.md.
 */
public record TicketTypeRoutes(TicketTypeService ticketTypes, ObjectMapper mapper) {

  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get("/ticket_states", "listTicketStates", Scope.READ, this::listTicketStates),
        ApiRoute.get("/ticket_types", "listTicketTypes", Scope.READ, this::listTicketTypes),
        ApiRoute.post("/ticket_types", "createTicketType", Scope.WRITE, this::createTicketType),
        ApiRoute.get(
            "/ticket_types/{ticket_type_id}", "getTicketType", Scope.READ, this::getTicketType),
        ApiRoute.put(
            "/ticket_types/{ticket_type_id}",
            "updateTicketType",
            Scope.WRITE,
            this::updateTicketType),
        ApiRoute.post(
            "/ticket_types/{ticket_type_id}/attributes",
            "createTicketTypeAttribute",
            Scope.WRITE,
            this::createTicketTypeAttribute),
        ApiRoute.put(
            "/ticket_types/{ticket_type_id}/attributes/{attribute_id}",
            "updateTicketTypeAttribute",
            Scope.WRITE,
            this::updateTicketTypeAttribute));
  }

  /** A ticket type's {@code category}. */
  public enum Category {
    @JsonProperty("Customer")
    CUSTOMER,
    @JsonProperty("Back-office")
    BACK_OFFICE,
    @JsonProperty("Tracker")
    TRACKER
  }

  /** A ticket type attribute's {@code data_type}. */
  public enum DataType {
    @JsonProperty("string")
    STRING,
    @JsonProperty("list")
    LIST,
    @JsonProperty("integer")
    INTEGER,
    @JsonProperty("decimal")
    DECIMAL,
    @JsonProperty("boolean")
    BOOLEAN,
    @JsonProperty("datetime")
    DATETIME,
    @JsonProperty("files")
    FILES
  }

  /** The body of {@code createTicketType} ({@code create_ticket_type_request}). */
  public record CreateTicketTypeRequest(
      @Wire.Required String name,
      String description,
      Category category,
      String icon,
      @JsonProperty("is_internal") Boolean isInternal) {
    TicketTypeChange change() {
      return new TicketTypeChange(
          nonBlank(name, "name"),
          description,
          nonBlank(icon, "icon"),
          category == null ? null : Wire.wireName(category),
          isInternal,
          null);
    }
  }

  /** The body of {@code updateTicketType} ({@code update_ticket_type_request}). */
  public record UpdateTicketTypeRequest(
      @Wire.NotNull String name,
      @Wire.NotNull String description,
      @Wire.NotNull Category category,
      @Wire.NotNull String icon,
      @Wire.NotNull Boolean archived,
      @Wire.NotNull @JsonProperty("is_internal") Boolean isInternal) {
    TicketTypeChange change() {
      return new TicketTypeChange(
          nonBlank(name, "name"),
          description,
          nonBlank(icon, "icon"),
          category == null ? null : Wire.wireName(category),
          isInternal,
          archived);
    }
  }

  /** The body of {@code createTicketTypeAttribute}. */
  public record CreateAttributeRequest(
      @Wire.Required String name,
      @Wire.Required String description,
      @Wire.Required @JsonProperty("data_type") DataType dataType,
      @JsonProperty("required_to_create") Boolean requiredToCreate,
      @JsonProperty("required_to_create_for_contacts") Boolean requiredToCreateForContacts,
      @JsonProperty("visible_on_create") Boolean visibleOnCreate,
      @JsonProperty("visible_to_contacts") Boolean visibleToContacts,
      Boolean multiline,
      @JsonProperty("list_items") String listItems,
      @JsonProperty("allow_multiple_values") Boolean allowMultipleValues) {
    AttributeChange change() {
      return new AttributeChange(
          nonBlank(name, "name"),
          description,
          Wire.wireName(dataType),
          requiredToCreate,
          requiredToCreateForContacts,
          visibleOnCreate,
          visibleToContacts,
          multiline,
          listItems,
          allowMultipleValues,
          null);
    }
  }

  /** The body of {@code updateTicketTypeAttribute}: the data type cannot change. */
  public record UpdateAttributeRequest(
      @Wire.NotNull String name,
      @Wire.NotNull String description,
      @Wire.NotNull @JsonProperty("required_to_create") Boolean requiredToCreate,
      @Wire.NotNull @JsonProperty("required_to_create_for_contacts")
          Boolean requiredToCreateForContacts,
      @Wire.NotNull @JsonProperty("visible_on_create") Boolean visibleOnCreate,
      @Wire.NotNull @JsonProperty("visible_to_contacts") Boolean visibleToContacts,
      @Wire.NotNull Boolean multiline,
      @Wire.NotNull @JsonProperty("list_items") String listItems,
      @Wire.NotNull @JsonProperty("allow_multiple_values") Boolean allowMultipleValues,
      @Wire.NotNull Boolean archived) {
    AttributeChange change() {
      return new AttributeChange(
          nonBlank(name, "name"),
          description,
          null,
          requiredToCreate,
          requiredToCreateForContacts,
          visibleOnCreate,
          visibleToContacts,
          multiline,
          listItems,
          allowMultipleValues,
          archived);
    }
  }

  /**
   * The value itself, or 400 {@code parameter_invalid} "{field} must not be blank"; null stays
   * null.
   */
  static String nonBlank(String value, String field) {
    if (value != null && value.isBlank()) {
      throw ApiException.invalid(field, field + " must not be blank");
    }
    return value == null ? null : value.strip();
  }

  /** {@code {"type": "list", "data": [...]}}. */
  public record ListJson<T>(String type, List<T> data) {
    static <T> ListJson<T> of(List<T> data) {
      return new ListJson<>("list", data);
    }
  }

  /** {@code ticket_type}. */
  public record TicketTypeJson(
      String type,
      String id,
      String name,
      String description,
      String icon,
      String workspaceId,
      boolean archived,
      long createdAt,
      long updatedAt,
      boolean isInternal,
      ListJson<AttributeJson> ticketTypeAttributes,
      String category,
      ListJson<TicketStateJson> ticketStates) {}

  /**
   * {@code ticket_type_attribute}; without {@code input_options} for types that have none (the
   * description types it as a non-null object).
   */
  public record AttributeJson(
      String type,
      String id,
      String workspaceId,
      String name,
      String description,
      String dataType,
      @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> inputOptions,
      int order,
      boolean requiredToCreate,
      boolean requiredToCreateForContacts,
      boolean visibleOnCreate,
      boolean visibleToContacts,
      @JsonProperty("default") boolean builtIn,
      long ticketTypeId,
      boolean archived,
      long createdAt,
      long updatedAt) {}

  /** {@code ticket_state}, as a ticket type lists it. */
  public record TicketStateJson(
      String type, String id, String category, String internalLabel, String externalLabel) {}

  /** {@code ticket_state_detailed}, as {@code listTicketStates} lists it. */
  public record TicketStateDetailedJson(
      String type,
      String id,
      String category,
      String internalLabel,
      String externalLabel,
      ListJson<TicketTypeBriefJson> ticketTypes,
      boolean archived) {}

  /** A ticket type inside a state of {@code listTicketStates}: without attributes and states. */
  public record TicketTypeBriefJson(
      String type,
      String id,
      String name,
      String description,
      String icon,
      boolean archived,
      boolean isInternal,
      String category) {}

  /** {@code GET /ticket_states}. */
  void listTicketStates(Context ctx) {
    List<TicketStateDetailedJson> data = new ArrayList<>();
    ticketTypes
        .states(RequestContext.caller(ctx))
        .forEach(
            (state, types) ->
                data.add(
                    new TicketStateDetailedJson(
                        "ticket_state",
                        Long.toString(state.id()),
                        state.category(),
                        state.internalLabel(),
                        state.externalLabel(),
                        ListJson.of(types.stream().map(TicketTypeRoutes::brief).toList()),
                        state.archived())));
    ctx.json(ListJson.of(data));
  }

  /** {@code GET /ticket_types}. */
  void listTicketTypes(Context ctx) {
    String appId = RequestContext.caller(ctx).workspace().idCode();
    ctx.json(
        ListJson.of(
            ticketTypes.list(RequestContext.caller(ctx)).stream()
                .map(d -> render(d, appId))
                .toList()));
  }

  /** {@code POST /ticket_types}: {@link CreateTicketTypeRequest}. */
  void createTicketType(Context ctx) {
    TicketTypeChange change = Wire.body(ctx, mapper, CreateTicketTypeRequest.class).change();
    renderType(ctx, ticketTypes.create(RequestContext.caller(ctx), change));
  }

  /** {@code GET /ticket_types/{ticket_type_id}}. */
  void getTicketType(Context ctx) {
    renderType(ctx, ticketTypes.get(RequestContext.caller(ctx), typeId(ctx)));
  }

  /** {@code PUT /ticket_types/{ticket_type_id}}: {@link UpdateTicketTypeRequest}. */
  void updateTicketType(Context ctx) {
    long id = typeId(ctx);
    TicketTypeChange change = Wire.body(ctx, mapper, UpdateTicketTypeRequest.class).change();
    renderType(ctx, ticketTypes.update(RequestContext.caller(ctx), id, change));
  }

  /** {@code POST /ticket_types/{ticket_type_id}/attributes}: {@link CreateAttributeRequest}. */
  void createTicketTypeAttribute(Context ctx) {
    long id = typeId(ctx);
    AttributeChange change = Wire.body(ctx, mapper, CreateAttributeRequest.class).change();
    renderAttribute(ctx, ticketTypes.createAttribute(RequestContext.caller(ctx), id, change));
  }

  /**
   * {@code PUT /ticket_types/{ticket_type_id}/attributes/{attribute_id}}: {@link
   * UpdateAttributeRequest}.
   */
  void updateTicketTypeAttribute(Context ctx) {
    long id = typeId(ctx);
    long attributeId = Ids.parse(ctx.pathParam("attribute_id"));
    AttributeChange change = Wire.body(ctx, mapper, UpdateAttributeRequest.class).change();
    renderAttribute(
        ctx, ticketTypes.updateAttribute(RequestContext.caller(ctx), id, attributeId, change));
  }

  private static long typeId(Context ctx) {
    return Ids.parse(ctx.pathParam("ticket_type_id"));
  }

  private void renderType(Context ctx, TicketTypeDetails details) {
    ctx.json(render(details, RequestContext.caller(ctx).workspace().idCode()));
  }

  private void renderAttribute(Context ctx, TicketTypeAttribute a) {
    ctx.json(render(a, RequestContext.caller(ctx).workspace().idCode()));
  }

  static TicketTypeJson render(TicketTypeDetails d, String appId) {
    TicketType t = d.type();
    return new TicketTypeJson(
        "ticket_type",
        Long.toString(t.id()),
        t.name(),
        t.description(),
        t.icon(),
        appId,
        t.archived(),
        t.createdAt(),
        t.updatedAt(),
        t.internal(),
        ListJson.of(d.attributes().stream().map(a -> render(a, appId)).toList()),
        t.category(),
        ListJson.of(d.states().stream().map(TicketTypeRoutes::render).toList()));
  }

  static AttributeJson render(TicketTypeAttribute a, String appId) {
    return new AttributeJson(
        "ticket_type_attribute",
        Long.toString(a.id()),
        appId,
        a.name(),
        a.description(),
        a.dataType(),
        a.inputOptions(),
        a.order(),
        a.requiredToCreate(),
        a.requiredToCreateForContacts(),
        a.visibleOnCreate(),
        a.visibleToContacts(),
        a.builtIn(),
        a.ticketTypeId(),
        a.archived(),
        a.createdAt(),
        a.updatedAt());
  }

  static TicketStateJson render(TicketState s) {
    return new TicketStateJson(
        "ticket_state", Long.toString(s.id()), s.category(), s.internalLabel(), s.externalLabel());
  }

  static TicketTypeBriefJson brief(TicketType t) {
    return new TicketTypeBriefJson(
        "ticket_type",
        Long.toString(t.id()),
        t.name(),
        t.description(),
        t.icon(),
        t.archived(),
        t.internal(),
        t.category());
  }
}
