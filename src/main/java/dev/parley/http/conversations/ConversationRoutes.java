package dev.parley.http.conversations;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Ids;
import dev.parley.domain.Page;
import dev.parley.domain.conversation.AppliedTag;
import dev.parley.domain.conversation.ConversationCreated;
import dev.parley.domain.conversation.ConversationCustomerService;
import dev.parley.domain.conversation.ConversationDetails;
import dev.parley.domain.conversation.ConversationId;
import dev.parley.domain.conversation.ConversationRef;
import dev.parley.domain.conversation.ConversationService;
import dev.parley.domain.conversation.ConversationStateService;
import dev.parley.domain.conversation.ConversationUpdate;
import dev.parley.domain.conversation.Erasure;
import dev.parley.domain.conversation.ErasureService;
import dev.parley.domain.conversation.NewConversation;
import dev.parley.domain.conversation.Redaction;
import dev.parley.domain.conversation.RedactionService;
import dev.parley.domain.conversation.Reply;
import dev.parley.domain.conversation.StateChange;
import dev.parley.domain.tag.Tag;
import dev.parley.domain.workspace.Caller;
import dev.parley.domain.workspace.Scope;
import dev.parley.http.ApiRoute;
import dev.parley.http.Params;
import dev.parley.http.RequestContext;
import dev.parley.http.SearchRequest;
import dev.parley.http.Wire;
import dev.parley.http.conversations.ConversationRequests.AdminIdRequest;
import dev.parley.http.conversations.ConversationRequests.AttachContactRequest;
import dev.parley.http.conversations.ConversationRequests.AttachTagRequest;
import dev.parley.http.conversations.ConversationRequests.CreateConversationRequest;
import dev.parley.http.conversations.ConversationRequests.CustomerRequest;
import dev.parley.http.conversations.ConversationRequests.RedactConversationRequest;
import dev.parley.http.conversations.ConversationRequests.ReplyConversationRequest;
import dev.parley.http.conversations.ConversationRequests.UpdateConversationRequest;
import dev.parley.http.conversations.ConversationStateRequests.ManageConversationRequest;
import dev.parley.http.conversations.ConversationWire.ConversationJson;
import dev.parley.http.conversations.ConversationWire.ConversationListJson;
import dev.parley.http.conversations.ConversationWire.DeletedItemJson;
import dev.parley.http.conversations.ConversationWire.DeletedJson;
import dev.parley.http.conversations.ConversationWire.DeletedListJson;
import dev.parley.http.conversations.ConversationWire.DeletedPagesJson;
import dev.parley.http.conversations.ConversationWire.MessageJson;
import dev.parley.http.conversations.ConversationWire.NextJson;
import dev.parley.http.conversations.ConversationWire.PagesJson;
import dev.parley.http.conversations.ConversationWire.TagBasicJson;
import io.javalin.http.Context;
import java.util.List;

/**
 * The conversation operations of Intercom's REST API 2.14 ("Conversations"), plus the Unstable
 * {@code listDeletedConversationIds}. Handlers parse and validate, call one service method, and
 * render one response.
 *
 * @param publicUrl the base URL of upload links, or null to take it from each request
 */
public record ConversationRoutes(
    ConversationService conversations,
    ConversationStateService states,
    ConversationCustomerService customers,
    RedactionService redactions,
    ErasureService erasures,
    ObjectMapper mapper,
    String publicUrl) {

  /** The routes, in the order of the API reference; literal paths before {@code {id}}. */
  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get("/conversations", "listConversations", Scope.READ, this::listConversations),
        ApiRoute.post(
            "/conversations", "createConversation", Scope.WRITE, this::createConversation),
        ApiRoute.post(
            "/conversations/search", "searchConversations", Scope.READ, this::searchConversations),
        ApiRoute.get(
            "/conversations/deleted",
            "listDeletedConversationIds",
            Scope.READ,
            this::listDeletedConversationIds),
        ApiRoute.get(
            "/conversations/{id}", "retrieveConversation", Scope.READ, this::retrieveConversation),
        ApiRoute.put(
            "/conversations/{id}", "updateConversation", Scope.WRITE, this::updateConversation),
        ApiRoute.delete(
            "/conversations/{id}", "deleteConversation", Scope.WRITE, this::deleteConversation),
        ApiRoute.post(
            "/conversations/{id}/reply", "replyConversation", Scope.WRITE, this::replyConversation),
        ApiRoute.post(
            "/conversations/{id}/parts",
            "manageConversation",
            Scope.WRITE,
            this::manageConversation),
        ApiRoute.post(
            "/conversations/{id}/customers",
            "attachContactToConversation",
            Scope.WRITE,
            this::attachContactToConversation),
        ApiRoute.delete(
            "/conversations/{id}/customers/{contact_id}",
            "detachContactFromConversation",
            Scope.WRITE,
            this::detachContactFromConversation),
        ApiRoute.post(
            "/conversations/redact", "redactConversation", Scope.WRITE, this::redactConversation),
        ApiRoute.post(
            "/conversations/{id}/tags",
            "attachTagToConversation",
            Scope.WRITE,
            this::attachTagToConversation),
        ApiRoute.delete(
            "/conversations/{id}/tags/{tag_id}",
            "detachTagFromConversation",
            Scope.WRITE,
            this::detachTagFromConversation));
  }

  /**
   * {@code GET /conversations}: {@code per_page} (1 to 150, default 20), {@code starting_after}.
   */
  void listConversations(Context ctx) {
    int perPage = Params.intParam(ctx, "per_page", 20, 1, 150);
    String after = ctx.queryParam("starting_after");
    Page.Cursor cursor =
        after == null || after.isEmpty() ? null : Page.Cursor.decode(after, "starting_after");
    Page<ConversationDetails> page =
        conversations.list(RequestContext.caller(ctx), cursor, perPage);
    String base = Params.baseUrl(ctx, publicUrl);
    boolean plaintext = plaintext(ctx);
    List<ConversationJson> items =
        page.items().stream()
            .map(d -> ConversationRenderer.conversation(d, base, plaintext))
            .toList();
    ctx.json(new ConversationListJson("conversation.list", items, page.totalCount(), pages(page)));
  }

  /**
   * {@code POST /conversations/search}: a {@code search_request} ({@code query}, {@code pagination}
   * with {@code per_page} 1 to 150, default 20); answers a {@code conversation_list}.
   */
  void searchConversations(Context ctx) {
    SearchRequest request = SearchRequest.parse(ctx, mapper, 20);
    Page<ConversationDetails> page =
        conversations.search(
            RequestContext.caller(ctx), request.query(), request.cursor(), request.perPage());
    String base = Params.baseUrl(ctx, publicUrl);
    boolean plaintext = plaintext(ctx);
    List<ConversationJson> items =
        page.items().stream()
            .map(d -> ConversationRenderer.conversation(d, base, plaintext))
            .toList();
    ctx.json(new ConversationListJson("conversation.list", items, page.totalCount(), pages(page)));
  }

  /** {@code POST /conversations}: a contact-initiated conversation; answers a {@code message}. */
  void createConversation(Context ctx) {
    NewConversation request =
        Wire.body(ctx, mapper, CreateConversationRequest.class).conversation();
    ConversationCreated created = conversations.create(RequestContext.caller(ctx), request);
    ctx.json(
        new MessageJson(
            "user_message",
            Long.toString(created.messageId()),
            created.createdAt(),
            created.subject(),
            created.body(),
            "inapp",
            Long.toString(created.conversationId())));
  }

  /** {@code GET /conversations/{id}} with {@code display_as}. */
  void retrieveConversation(Context ctx) {
    ConversationId id = ConversationId.parse(ctx.pathParam("id"));
    render(ctx, conversations.get(RequestContext.caller(ctx), id));
  }

  /** {@code PUT /conversations/{id}}: {@code read}, {@code title}, {@code custom_attributes}. */
  void updateConversation(Context ctx) {
    ConversationId id = ConversationId.parse(ctx.pathParam("id"));
    ConversationUpdate update = Wire.body(ctx, mapper, UpdateConversationRequest.class).update();
    render(ctx, conversations.update(RequestContext.caller(ctx), id, update));
  }

  /**
   * {@code DELETE /conversations/{id}}: permanent erasure; {@code retain_metrics} (default true)
   * from the Unstable description.
   */
  void deleteConversation(Context ctx) {
    boolean retainMetrics = Params.boolParam(ctx, "retain_metrics", true);
    ConversationId id = ConversationId.parse(ctx.pathParam("id"));
    Erasure erasure = erasures.delete(RequestContext.caller(ctx), id, retainMetrics);
    ctx.json(new DeletedJson(Long.toString(erasure.conversationId()), "conversation", true));
  }

  /**
   * {@code GET /conversations/deleted}: the Unstable {@code listDeletedConversationIds}; other
   * versions get 400 {@code intercom_version_invalid}.
   */
  void listDeletedConversationIds(Context ctx) {
    if (!"Unstable".equals(RequestContext.version(ctx))) {
      throw new ApiException(
          ErrorCode.INTERCOM_VERSION_INVALID,
          "Requested resource is not available in current API version.",
          "Intercom-Version");
    }
    int page = Params.intParam(ctx, "page", 1, 1, Integer.MAX_VALUE / 60);
    int perPage = Params.intParam(ctx, "per_page", 20, 1, 60);
    String order = Params.enumParam(ctx, "order", "desc", List.of("asc", "desc"));
    Caller caller = RequestContext.caller(ctx);
    ErasureService.DeletedPage deleted =
        erasures.listDeleted(caller, page, perPage, "asc".equals(order));
    int totalPages = (int) ((deleted.totalCount() + perPage - 1) / perPage);
    String next =
        page < totalPages
            ? Params.baseUrl(ctx, publicUrl)
                + "/conversations/deleted?per_page="
                + perPage
                + "&order="
                + order
                + "&page="
                + (page + 1)
            : null;
    List<DeletedItemJson> items =
        deleted.erasures().stream()
            .map(
                e ->
                    new DeletedItemJson(
                        "conversation",
                        Long.toString(e.conversationId()),
                        e.retainMetrics(),
                        e.erasedAt()))
            .toList();
    ctx.json(
        new DeletedListJson(
            "conversations.list",
            deleted.totalCount(),
            new DeletedPagesJson("pages", next, page, perPage, totalPages),
            items));
  }

  /**
   * {@code POST /conversations/{id}/reply}: an admin or a contact reply; {@code id} may be {@code
   * last}.
   */
  void replyConversation(Context ctx) {
    ConversationRef id = ConversationRef.parse(ctx.pathParam("id"));
    Reply reply = Wire.body(ctx, mapper, ReplyConversationRequest.class).reply();
    render(ctx, conversations.reply(RequestContext.caller(ctx), id, reply));
  }

  /**
   * {@code POST /conversations/{id}/parts}: {@code close} (optional {@code body}), {@code snoozed}
   * ({@code snoozed_until}, Unix seconds in the future), {@code open}, {@code assignment} ({@code
   * type} admin or team, {@code assignee_id}, "0" unassigns, optional {@code body}); each by {@code
   * admin_id}.
   */
  void manageConversation(Context ctx) {
    ConversationId id = ConversationId.parse(ctx.pathParam("id"));
    StateChange change = Wire.body(ctx, mapper, ManageConversationRequest.class).change();
    render(ctx, states.manage(RequestContext.caller(ctx), id, change));
  }

  /**
   * {@code POST /conversations/{id}/customers}: {@code customer} names the contact by exactly one
   * of {@code intercom_user_id}, {@code user_id} or {@code email}, on behalf of {@code admin_id} or
   * of the contact its nested {@code customer} names.
   */
  void attachContactToConversation(Context ctx) {
    ConversationId id = ConversationId.parse(ctx.pathParam("id"));
    AttachContactRequest body = Wire.body(ctx, mapper, AttachContactRequest.class);
    Long adminId = body.adminId() == null ? null : body.adminId().value();
    Reply.ContactRef contact = body.customer().contact("customer");
    CustomerRequest acting = body.customer().customer();
    Reply.ContactRef actingContact = acting == null ? null : acting.contact("customer.customer");
    if (adminId == null && actingContact == null) {
      throw ApiException.missing("admin_id");
    }
    render(ctx, customers.attach(RequestContext.caller(ctx), id, adminId, contact, actingContact));
  }

  /** {@code DELETE /conversations/{id}/customers/{contact_id}}: {@code {admin_id}}. */
  void detachContactFromConversation(Context ctx) {
    ConversationId id = ConversationId.parse(ctx.pathParam("id"));
    long adminId = Wire.body(ctx, mapper, AdminIdRequest.class).adminId().value();
    String contactId = ctx.pathParam("contact_id");
    render(ctx, customers.detach(RequestContext.caller(ctx), id, contactId, adminId));
  }

  /**
   * {@code POST /conversations/redact}: {@code {type: conversation_part, conversation_id,
   * conversation_part_id}} or {@code {type: source, conversation_id, source_id}}; ids as strings or
   * numbers.
   */
  void redactConversation(Context ctx) {
    Redaction redaction = Wire.body(ctx, mapper, RedactConversationRequest.class).redaction();
    render(ctx, redactions.redact(RequestContext.caller(ctx), redaction));
  }

  /** {@code POST /conversations/{id}/tags}: {@code {id, admin_id}}; answers the {@code tag}. */
  void attachTagToConversation(Context ctx) {
    ConversationId id = conversationIdForTags(ctx);
    AttachTagRequest body = Wire.body(ctx, mapper, AttachTagRequest.class);
    long tagId = tagId(body.id().text().trim());
    AppliedTag applied =
        conversations.attachTag(RequestContext.caller(ctx), id, tagId, body.adminId().value());
    ctx.json(ConversationRenderer.tag(applied));
  }

  /**
   * {@code DELETE /conversations/{id}/tags/{tag_id}}: {@code {admin_id}}; answers the {@code tag}.
   */
  void detachTagFromConversation(Context ctx) {
    ConversationId id = conversationIdForTags(ctx);
    long adminId = Wire.body(ctx, mapper, AdminIdRequest.class).adminId().value();
    long tagId = tagId(ctx.pathParam("tag_id"));
    Tag tag = conversations.detachTag(RequestContext.caller(ctx), id, tagId, adminId);
    ctx.json(new TagBasicJson("tag", Long.toString(tag.id()), tag.name()));
  }

  private static ConversationId conversationIdForTags(Context ctx) {
    try {
      return ConversationId.parse(ctx.pathParam("id"));
    } catch (ApiException e) {
      throw new ApiException(ErrorCode.CONVERSATION_NOT_FOUND);
    }
  }

  /** A tag id; one that is no number is 404 {@code tag_not_found}: no such tag can exist. */
  private static long tagId(String text) {
    try {
      return Ids.parse(text);
    } catch (ApiException e) {
      throw new ApiException(ErrorCode.TAG_NOT_FOUND);
    }
  }

  private void render(Context ctx, ConversationDetails details) {
    ctx.json(
        ConversationRenderer.conversation(details, Params.baseUrl(ctx, publicUrl), plaintext(ctx)));
  }

  private static boolean plaintext(Context ctx) {
    return "plaintext".equals(ctx.queryParam("display_as"));
  }

  /**
   * The {@code cursor_pages} of a keyset page (conversations' list and search, tickets' search):
   * {@code next} with the cursor of the following page, left out on the last.
   */
  public static PagesJson pages(Page<?> page) {
    return new PagesJson(
        "pages",
        page.page(),
        page.perPage(),
        page.totalPages(),
        page.next() == null ? null : new NextJson(page.perPage(), page.next().encode()));
  }
}
