package dev.parley.http.tickets;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Ids;
import dev.parley.domain.Page;
import dev.parley.domain.conversation.AppliedTag;
import dev.parley.domain.conversation.ConversationDetails;
import dev.parley.domain.conversation.ConversationId;
import dev.parley.domain.conversation.ConversationService;
import dev.parley.domain.conversation.Erasure;
import dev.parley.domain.conversation.ErasureService;
import dev.parley.domain.conversation.Reply;
import dev.parley.domain.tag.Tag;
import dev.parley.domain.ticket.Job;
import dev.parley.domain.ticket.NewTicket;
import dev.parley.domain.ticket.TicketDetails;
import dev.parley.domain.ticket.TicketService;
import dev.parley.domain.ticket.TicketUpdate;
import dev.parley.domain.workspace.Caller;
import dev.parley.domain.workspace.Scope;
import dev.parley.http.ApiRoute;
import dev.parley.http.Params;
import dev.parley.http.RequestContext;
import dev.parley.http.SearchRequest;
import dev.parley.http.Wire;
import dev.parley.http.conversations.ConversationRenderer;
import dev.parley.http.conversations.ConversationRequests.AdminIdRequest;
import dev.parley.http.conversations.ConversationRequests.AttachTagRequest;
import dev.parley.http.conversations.ConversationRequests.ReplyConversationRequest;
import dev.parley.http.conversations.ConversationRoutes;
import dev.parley.http.conversations.ConversationWire.AttachmentJson;
import dev.parley.http.conversations.ConversationWire.AuthorJson;
import dev.parley.http.conversations.ConversationWire.ContactListJson;
import dev.parley.http.conversations.ConversationWire.ConversationJson;
import dev.parley.http.conversations.ConversationWire.DeletedJson;
import dev.parley.http.conversations.ConversationWire.LinkedObjectsJson;
import dev.parley.http.conversations.ConversationWire.PagesJson;
import dev.parley.http.conversations.ConversationWire.PartJson;
import dev.parley.http.conversations.ConversationWire.ReferenceJson;
import dev.parley.http.conversations.ConversationWire.TagBasicJson;
import dev.parley.http.tickets.TicketTypeRoutes.TicketStateJson;
import dev.parley.http.tickets.TicketTypeRoutes.TicketTypeJson;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Intercom's ticket operations of the REST API 2.14: {@code createTicket}, {@code getTicket},
 * {@code updateTicket}, {@code deleteTicket}, {@code replyTicket}, {@code attachTagToTicket},
 * {@code detachTagFromTicket}, {@code searchTickets}, {@code enqueueCreateTicket} with {@code
 * jobsStatus}, and {@code convertConversationToTicket} (which answers a ticket). A ticket renders
 * as the description's ticket object: its conversation's contacts, assignees, times and parts (as
 * {@code ticket_part}s), with the ticket's attributes, state and type. docs/tickets.md.
 */
public record TicketRoutes(
    TicketService tickets,
    ConversationService conversations,
    ErasureService erasures,
    ObjectMapper mapper,
    String publicUrl) {

  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.post("/tickets", "createTicket", Scope.WRITE, this::createTicket),
        ApiRoute.post("/tickets/search", "searchTickets", Scope.READ, this::searchTickets),
        ApiRoute.post(
            "/tickets/enqueue", "enqueueCreateTicket", Scope.WRITE, this::enqueueCreateTicket),
        ApiRoute.get("/jobs/status/{job_id}", "jobsStatus", Scope.READ, this::jobsStatus),
        ApiRoute.get("/tickets/{ticket_id}", "getTicket", Scope.READ, this::getTicket),
        ApiRoute.put("/tickets/{ticket_id}", "updateTicket", Scope.WRITE, this::updateTicket),
        ApiRoute.delete("/tickets/{ticket_id}", "deleteTicket", Scope.WRITE, this::deleteTicket),
        ApiRoute.post("/tickets/{ticket_id}/reply", "replyTicket", Scope.WRITE, this::replyTicket),
        ApiRoute.post(
            "/tickets/{ticket_id}/tags", "attachTagToTicket", Scope.WRITE, this::attachTagToTicket),
        ApiRoute.delete(
            "/tickets/{ticket_id}/tags/{tag_id}",
            "detachTagFromTicket",
            Scope.WRITE,
            this::detachTagFromTicket),
        ApiRoute.post(
            "/conversations/{id}/convert",
            "convertConversationToTicket",
            Scope.WRITE,
            this::convertConversationToTicket));
  }

  /**
   * The body of {@code convertConversationToTicket} ({@code
   * convert_conversation_to_ticket_request}).
   */
  public record ConvertConversationRequest(
      @Wire.Required @JsonProperty("ticket_type_id") Wire.NumericId ticketTypeId,
      @Wire.NotNull JsonNode attributes) {}

  /** One contact of {@code create_ticket_request.contacts}: by id, external id or email. */
  public record ContactRequest(
      String id, @JsonProperty("external_id") String externalId, String email) {
    NewTicket.ContactRef ref(int index) {
      int given = (id != null ? 1 : 0) + (externalId != null ? 1 : 0) + (email != null ? 1 : 0);
      if (given != 1) {
        throw ApiException.invalid(
            "contacts[" + index + "]", "A contact is given by one of id, external_id or email");
      }
      return new NewTicket.ContactRef(id, externalId, email);
    }
  }

  /** {@code create_ticket_request.assignment}. */
  public record AssignmentRequest(
      @JsonProperty("admin_assignee_id") Wire.NumericId adminAssigneeId,
      @JsonProperty("team_assignee_id") Wire.NumericId teamAssigneeId) {}

  /** The body of {@code createTicket} ({@code create_ticket_request}). */
  public record CreateTicketRequest(
      @Wire.Required @JsonProperty("ticket_type_id") Wire.NumericId ticketTypeId,
      @Wire.NotNull @Wire.MaxItems(1) List<ContactRequest> contacts,
      @JsonProperty("conversation_to_link_id") String conversationToLinkId,
      @JsonProperty("company_id") String companyId,
      @JsonProperty("created_at") Wire.Timestamp createdAt,
      @Wire.NotNull @JsonProperty("ticket_attributes") JsonNode ticketAttributes,
      @Wire.NotNull AssignmentRequest assignment) {
    NewTicket newTicket() {
      List<NewTicket.ContactRef> refs = new ArrayList<>();
      if (contacts != null) {
        for (int i = 0; i < contacts.size(); i++) {
          refs.add(contacts.get(i).ref(i));
        }
      }
      return new NewTicket(
          ticketTypeId.value(),
          refs,
          attributes(ticketAttributes),
          Wire.Timestamp.seconds(createdAt),
          assignment == null || assignment.adminAssigneeId() == null
              ? null
              : assignment.adminAssigneeId().value(),
          assignment == null || assignment.teamAssigneeId() == null
              ? null
              : assignment.teamAssigneeId().value(),
          conversationToLinkId);
    }
  }

  /** The body of {@code updateTicket} ({@code update_ticket_request}). */
  public record UpdateTicketRequest(
      @Wire.NotNull @JsonProperty("ticket_attributes") JsonNode ticketAttributes,
      @Wire.NotNull @JsonProperty("ticket_state_id") Wire.NumericId ticketStateId,
      @JsonProperty("company_id") String companyId,
      @Wire.NotNull Boolean open,
      @Wire.NotNull @JsonProperty("is_shared") Boolean isShared,
      @Wire.NotNull @JsonProperty("snoozed_until") Wire.Timestamp snoozedUntil,
      @Wire.NotNull @JsonProperty("admin_id") Wire.NumericId adminId,
      @Wire.NotNull @JsonProperty("assignee_id") Wire.NumericId assigneeId) {
    TicketUpdate update() {
      return new TicketUpdate(
          ticketAttributes == null ? null : attributes(ticketAttributes),
          ticketStateId == null ? null : ticketStateId.value(),
          open,
          isShared,
          Wire.Timestamp.seconds(snoozedUntil),
          adminId == null ? null : adminId.value(),
          assigneeId == null ? null : assigneeId.value());
    }
  }

  /**
   * {@code ticket_attributes} as names to strings, integers (as longs), decimals (as doubles),
   * booleans or null.
   *
   * @throws ApiException 400 {@code parameter_invalid} for a body that is no object, or naming an
   *     attribute whose value is an object or an array
   */
  static Map<String, Object> attributes(JsonNode node) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (node == null) {
      return out;
    }
    if (!node.isObject()) {
      throw ApiException.invalid("ticket_attributes", "ticket_attributes must be an object");
    }
    node.properties()
        .forEach(
            e -> {
              JsonNode v = e.getValue();
              Object value;
              if (v.isNull()) {
                value = null;
              } else if (v.isTextual()) {
                value = v.textValue();
              } else if (v.isBoolean()) {
                value = v.booleanValue();
              } else if (v.isIntegralNumber() && v.canConvertToLong()) {
                value = v.longValue();
              } else if (v.isNumber()) {
                value = v.doubleValue();
              } else {
                throw ApiException.invalid(
                    e.getKey(),
                    "The attribute " + e.getKey() + " must be a string, a number or a boolean");
              }
              out.put(e.getKey(), value);
            });
    return out;
  }

  /** {@code ticket}. */
  public record TicketJson(
      String type,
      String id,
      String ticketId,
      String category,
      Map<String, Object> ticketAttributes,
      TicketStateJson ticketState,
      TicketTypeJson ticketType,
      ContactListJson contacts,
      String adminAssigneeId,
      String teamAssigneeId,
      long createdAt,
      long updatedAt,
      boolean open,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long snoozedUntil,
      LinkedObjectsJson linkedObjects,
      TicketPartListJson ticketParts,
      boolean isShared) {}

  /** {@code ticket_parts}. */
  public record TicketPartListJson(
      String type, List<TicketPartJson> ticketParts, long totalCount) {}

  /**
   * {@code ticket_part}: a part of the ticket's conversation, in the shape of the description's
   * {@code ticket_reply} (with {@code assigned_to} for assignments).
   */
  public record TicketPartJson(
      String type,
      String id,
      String partType,
      String body,
      long createdAt,
      long updatedAt,
      @JsonInclude(JsonInclude.Include.NON_NULL) ReferenceJson assignedTo,
      AuthorJson author,
      List<AttachmentJson> attachments,
      boolean redacted) {}

  /** {@code POST /tickets}: {@link CreateTicketRequest}. */
  void createTicket(Context ctx) {
    NewTicket request = Wire.body(ctx, mapper, CreateTicketRequest.class).newTicket();
    render(ctx, tickets.create(RequestContext.caller(ctx), request));
  }

  /**
   * {@code POST /conversations/{id}/convert}: {@link ConvertConversationRequest}; the conversation
   * becomes a ticket in place ({@link TicketService#convert}); answers the {@code ticket}.
   */
  void convertConversationToTicket(Context ctx) {
    long id = ConversationId.parse(ctx.pathParam("id")).value();
    ConvertConversationRequest body = Wire.body(ctx, mapper, ConvertConversationRequest.class);
    render(
        ctx,
        tickets.convert(
            RequestContext.caller(ctx),
            id,
            body.ticketTypeId().value(),
            attributes(body.attributes())));
  }

  /**
   * {@code POST /tickets/search}: a {@code search_request} ({@code query}, {@code pagination} with
   * {@code per_page} 1 to 150, default 20, as the description says); answers a {@code ticket_list}
   * of tickets rendered as {@code getTicket} renders them.
   */
  void searchTickets(Context ctx) {
    SearchRequest request = SearchRequest.parse(ctx, mapper, 20);
    Caller caller = RequestContext.caller(ctx);
    Page<TicketDetails> page =
        tickets.search(caller, request.query(), request.cursor(), request.perPage());
    String appId = caller.workspace().idCode();
    String base = Params.baseUrl(ctx, publicUrl);
    List<TicketJson> items = page.items().stream().map(d -> render(d, appId, base)).toList();
    ctx.json(
        new TicketListJson(
            "ticket.list", items, page.totalCount(), ConversationRoutes.pages(page)));
  }

  /**
   * {@code POST /tickets/enqueue}: the body of {@code createTicket} (and {@code
   * skip_notifications}, which changes nothing: parley sends no notifications); the ticket is
   * created at once ({@link TicketService#enqueueCreate}) and the answer is its {@code job},
   * already {@code success}. Bad input gets the errors {@code createTicket} gives, and no job.
   */
  void enqueueCreateTicket(Context ctx) {
    NewTicket request = Wire.body(ctx, mapper, CreateTicketRequest.class).newTicket();
    renderJob(ctx, tickets.enqueueCreate(RequestContext.caller(ctx), request));
  }

  /**
   * {@code GET /jobs/status/{job_id}}: the {@code job}; 404 {@code job_not_found} for an id that is
   * no job of the workspace.
   */
  void jobsStatus(Context ctx) {
    long id;
    try {
      id = Ids.parse(ctx.pathParam("job_id"));
    } catch (ApiException e) {
      throw new ApiException(ErrorCode.JOB_NOT_FOUND);
    }
    renderJob(ctx, tickets.job(RequestContext.caller(ctx), id));
  }

  private void renderJob(Context ctx, Job job) {
    String base = Params.baseUrl(ctx, publicUrl);
    String resourceId = job.resourceId() == null ? null : Long.toString(job.resourceId());
    ctx.json(
        new JobJson(
            "job",
            Long.toString(job.id()),
            base + "/jobs/status/" + job.id(),
            job.status(),
            job.resourceType(),
            resourceId,
            resourceId == null ? null : base + "/tickets/" + resourceId));
  }

  /**
   * Intercom's {@code jobs} object.
   *
   * @param url where {@code jobsStatus} answers for the job
   * @param resourceId the created ticket's id; null (rendered) while none exists
   * @param resourceUrl where {@code getTicket} answers for it
   */
  public record JobJson(
      String type,
      String id,
      String url,
      String status,
      String resourceType,
      String resourceId,
      String resourceUrl) {}

  /**
   * {@code ticket_list}.
   *
   * @param totalCount how many tickets match the search in all
   */
  public record TicketListJson(
      String type, List<TicketJson> tickets, long totalCount, PagesJson pages) {}

  /** {@code GET /tickets/{ticket_id}}. */
  void getTicket(Context ctx) {
    render(ctx, tickets.get(RequestContext.caller(ctx), ticketId(ctx)));
  }

  /** {@code PUT /tickets/{ticket_id}}: {@link UpdateTicketRequest}. */
  void updateTicket(Context ctx) {
    long id = ticketId(ctx);
    TicketUpdate update = Wire.body(ctx, mapper, UpdateTicketRequest.class).update();
    render(ctx, tickets.update(RequestContext.caller(ctx), id, update));
  }

  /**
   * {@code DELETE /tickets/{ticket_id}}: the ticket's conversation erased ({@link
   * ErasureService#deleteTicket}), answered with {@code ticket_deleted}.
   */
  void deleteTicket(Context ctx) {
    Erasure erasure = erasures.deleteTicket(RequestContext.caller(ctx), ticketId(ctx));
    ctx.json(new DeletedJson(Long.toString(erasure.conversationId()), "ticket", true));
  }

  /**
   * {@code POST /tickets/{ticket_id}/reply}: the reply of the ticket's conversation (admin comment,
   * note or quick reply, or a contact's reply, with {@code attachment_urls} and {@code
   * attachment_files} as conversation replies take them); answers the new part as {@code
   * ticket_reply}.
   */
  void replyTicket(Context ctx) {
    long id = ticketId(ctx);
    Reply reply = Wire.body(ctx, mapper, ReplyConversationRequest.class).reply();
    Caller caller = RequestContext.caller(ctx);
    tickets.requireTicket(caller, id);
    ConversationDetails details = conversations.reply(caller, new ConversationId(id), reply);
    List<TicketPartJson> parts = parts(details, Params.baseUrl(ctx, publicUrl));
    ctx.json(parts.get(parts.size() - 1));
  }

  /** {@code POST /tickets/{ticket_id}/tags}: {@code {id, admin_id}}; answers the {@code tag}. */
  void attachTagToTicket(Context ctx) {
    long id = ticketId(ctx);
    AttachTagRequest body = Wire.body(ctx, mapper, AttachTagRequest.class);
    long tagId = tagId(body.id().text().trim());
    Caller caller = RequestContext.caller(ctx);
    tickets.requireTicket(caller, id);
    AppliedTag applied =
        conversations.attachTag(caller, new ConversationId(id), tagId, body.adminId().value());
    ctx.json(ConversationRenderer.tag(applied));
  }

  /** {@code DELETE /tickets/{ticket_id}/tags/{tag_id}}: {@code {admin_id}}; answers the tag. */
  void detachTagFromTicket(Context ctx) {
    long id = ticketId(ctx);
    long adminId = Wire.body(ctx, mapper, AdminIdRequest.class).adminId().value();
    long tagId = tagId(ctx.pathParam("tag_id"));
    Caller caller = RequestContext.caller(ctx);
    tickets.requireTicket(caller, id);
    Tag tag = conversations.detachTag(caller, new ConversationId(id), tagId, adminId);
    ctx.json(new TagBasicJson("tag", Long.toString(tag.id()), tag.name()));
  }

  /** A tag id; one that is no number is 404 {@code tag_not_found}: no such tag can exist. */
  private static long tagId(String text) {
    try {
      return Ids.parse(text);
    } catch (ApiException e) {
      throw new ApiException(ErrorCode.TAG_NOT_FOUND);
    }
  }

  static long ticketId(Context ctx) {
    return Ids.parse(ctx.pathParam("ticket_id"));
  }

  private void render(Context ctx, TicketDetails details) {
    ctx.json(
        render(
            details,
            RequestContext.caller(ctx).workspace().idCode(),
            Params.baseUrl(ctx, publicUrl)));
  }

  /** The parts of a ticket's conversation, oldest first, as {@code ticket_part}s. */
  static List<TicketPartJson> parts(ConversationDetails details, String baseUrl) {
    return parts(ConversationRenderer.conversation(details, baseUrl, false));
  }

  private static List<TicketPartJson> parts(ConversationJson c) {
    List<TicketPartJson> parts = new ArrayList<>();
    if (c.conversationParts() != null) {
      for (PartJson p : c.conversationParts().conversationParts()) {
        parts.add(
            new TicketPartJson(
                "ticket_part",
                p.id(),
                p.partType(),
                p.body(),
                p.createdAt(),
                p.updatedAt(),
                p.assignedTo(),
                p.author(),
                p.attachments(),
                p.redacted()));
      }
    }
    return parts;
  }

  /**
   * A ticket in the description's {@code ticket} shape.
   *
   * @param appId the workspace's {@code app_id}, rendered as the type's {@code workspace_id}
   * @param baseUrl scheme, host and port that upload URLs start with
   */
  public static TicketJson render(TicketDetails d, String appId, String baseUrl) {
    ConversationJson c = ConversationRenderer.conversation(d.conversation(), baseUrl, false);
    long total = c.conversationParts() == null ? 0 : c.conversationParts().totalCount();
    return new TicketJson(
        "ticket",
        c.id(),
        Long.toString(d.ticket().number()),
        d.ticket().category(),
        d.ticket().attributes(),
        TicketTypeRoutes.render(d.state()),
        TicketTypeRoutes.render(d.type(), appId),
        c.contacts(),
        c.adminAssigneeId() == null ? "0" : Long.toString(c.adminAssigneeId()),
        c.teamAssigneeId() == null ? "0" : Long.toString(c.teamAssigneeId()),
        c.createdAt(),
        c.updatedAt(),
        c.open(),
        c.snoozedUntil(),
        c.linkedObjects(),
        new TicketPartListJson("ticket_part.list", parts(c), total),
        d.ticket().shared());
  }
}
