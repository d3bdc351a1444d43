package dev.parley.http.conversations;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Ids;
import dev.parley.domain.Page;
import dev.parley.domain.conversation.AppliedTag;
import dev.parley.domain.conversation.AssigneeType;
import dev.parley.domain.conversation.ConversationCreated;
import dev.parley.domain.conversation.ConversationCustomerService;
import dev.parley.domain.conversation.ConversationDetails;
import dev.parley.domain.conversation.ConversationId;
import dev.parley.domain.conversation.ConversationPart;
import dev.parley.domain.conversation.ConversationRef;
import dev.parley.domain.conversation.ConversationService;
import dev.parley.domain.conversation.ConversationStateService;
import dev.parley.domain.conversation.ConversationUpdate;
import dev.parley.domain.conversation.Erasure;
import dev.parley.domain.conversation.ErasureService;
import dev.parley.domain.conversation.NewConversation;
import dev.parley.domain.conversation.NewFile;
import dev.parley.domain.conversation.PartType;
import dev.parley.domain.conversation.Redaction;
import dev.parley.domain.conversation.RedactionService;
import dev.parley.domain.conversation.Reply;
import dev.parley.domain.conversation.StateChange;
import dev.parley.domain.tag.Tag;
import dev.parley.domain.workspace.Caller;
import dev.parley.domain.workspace.Scope;
import dev.parley.http.ApiRoute;
import dev.parley.http.JsonRequest;
import dev.parley.http.Params;
import dev.parley.http.RequestContext;
import dev.parley.http.SearchRequest;
import dev.parley.http.StringLimits;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The conversation operations of Intercom's REST API 2.14 ("Conversations"), plus the Unstable
 * {@code listDeletedConversationIds}. Handlers parse and validate, call one service method, and
 * render one response.
 */
public final class ConversationRoutes {
  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final int MAX_ATTACHMENTS = 10;
  private static final List<String> ADMIN_MESSAGE_TYPES = List.of("comment", "note", "quick_reply");
  private static final Pattern CONTACT_ID = Pattern.compile("[0-9a-f]{24}");
  private static final List<String> MANAGE_MESSAGE_TYPES =
      List.of("close", "snoozed", "open", "assignment");
  private static final List<String> CONTACT_KEYS = List.of("intercom_user_id", "user_id", "email");

  private final ConversationService conversations;
  private final ConversationStateService states;
  private final ConversationCustomerService customers;
  private final RedactionService redactions;
  private final ErasureService erasures;
  private final ObjectMapper mapper;
  private final String publicUrl;

  /**
   * @param publicUrl the base URL of upload links, or null to take it from each request
   */
  public ConversationRoutes(
      ConversationService conversations,
      ConversationStateService states,
      ConversationCustomerService customers,
      RedactionService redactions,
      ErasureService erasures,
      ObjectMapper mapper,
      String publicUrl) {
    this.conversations = conversations;
    this.states = states;
    this.customers = customers;
    this.redactions = redactions;
    this.erasures = erasures;
    this.mapper = mapper;
    this.publicUrl = publicUrl;
  }

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
    JsonRequest body = JsonRequest.parse(ctx, mapper);
    JsonRequest from = body.requiredObject("from");
    from.requiredEnum("type", List.of("lead", "user", "contact"));
    String fromId = from.requiredString("id");
    String text = body.requiredString("body");
    String subject = body.optionalString("subject");
    List<String> urls =
        Params.urls(body.stringList("attachment_urls", MAX_ATTACHMENTS), "attachment_urls");
    Long createdAt = body.optionalTimestamp("created_at");
    if (!CONTACT_ID.matcher(fromId).matches()) {
      throw new ApiException(ErrorCode.USER_NOT_FOUND);
    }
    ConversationCreated created =
        conversations.create(
            RequestContext.caller(ctx),
            new NewConversation(
                from.requiredString("type"), fromId, text, subject, urls, createdAt));
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
    JsonRequest body = JsonRequest.parse(ctx, mapper);
    ConversationUpdate update =
        new ConversationUpdate(
            body.optionalBoolean("read"),
            body.has("title"),
            body.optionalString("title"),
            body.attributes("custom_attributes"));
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
    JsonRequest body = JsonRequest.parse(ctx, mapper);
    String type = body.requiredEnum("type", List.of("admin", "user", "contact", "lead"));
    List<String> urls =
        Params.urls(body.stringList("attachment_urls", MAX_ATTACHMENTS), "attachment_urls");
    List<NewFile> files = files(body);
    Long createdAt = body.optionalTimestamp("created_at");
    Reply reply;
    if ("admin".equals(type)) {
      String messageType = body.requiredEnum("message_type", ADMIN_MESSAGE_TYPES);
      long adminId = body.requiredId("admin_id");
      String text = body.optionalString("body");
      List<ConversationPart.QuickReplyOption> options = new ArrayList<>();
      for (JsonRequest option : body.objectList("reply_options", 20)) {
        String uuid = option.requiredString("uuid");
        if (!UUID_TEXT.matcher(uuid).matches()) {
          // The description's quick_reply_option.uuid is format: uuid; rendering anything
          // else would break every later answer that shows the part.
          throw ApiException.invalid(option.path("uuid"), option.path("uuid") + " must be a UUID");
        }
        options.add(new ConversationPart.QuickReplyOption(option.requiredString("text"), uuid));
      }
      if (("comment".equals(messageType) || "note".equals(messageType)) && text == null) {
        throw ApiException.missing(body.path("body"));
      }
      if ("quick_reply".equals(messageType) && options.isEmpty()) {
        throw ApiException.missing(body.path("reply_options"));
      }
      reply =
          new Reply(
              true,
              PartType.fromWire(messageType),
              adminId,
              null,
              text,
              urls,
              files,
              options,
              createdAt);
    } else {
      body.requiredEnum("message_type", List.of("comment"));
      String text = body.requiredString("body");
      String intercomUserId = body.optionalIdText("intercom_user_id");
      String userId = body.optionalIdText("user_id");
      String email = body.optionalString("email");
      if (intercomUserId == null && userId == null && email == null) {
        throw new ApiException(
            ErrorCode.PARAMETER_NOT_FOUND,
            "one of intercom_user_id, user_id or email is required",
            "intercom_user_id");
      }
      reply =
          new Reply(
              false,
              PartType.COMMENT,
              null,
              new Reply.ContactRef(intercomUserId, userId, email),
              text,
              urls,
              files,
              List.of(),
              createdAt);
    }
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
    JsonRequest body = JsonRequest.parse(ctx, mapper);
    String messageType = body.requiredEnum("message_type", MANAGE_MESSAGE_TYPES);
    StateChange change;
    switch (messageType) {
      case "close" -> {
        body.requiredEnum("type", List.of("admin"));
        change = new StateChange.Close(body.requiredId("admin_id"), message(body));
      }
      case "snoozed" -> {
        long adminId = body.requiredId("admin_id");
        Long until = body.optionalLong("snoozed_until");
        if (until == null) {
          throw ApiException.missing(body.path("snoozed_until"));
        }
        change = new StateChange.Snooze(adminId, until);
      }
      case "open" -> change = new StateChange.Open(body.requiredId("admin_id"));
      default -> {
        String type = body.requiredEnum("type", List.of("admin", "team"));
        long adminId = body.requiredId("admin_id");
        long assigneeId = body.requiredId("assignee_id");
        if (assigneeId < 0) {
          throw ApiException.invalid(
              body.path("assignee_id"), "assignee_id must be an admin or team id, or 0");
        }
        change =
            new StateChange.Assign(adminId, AssigneeType.fromWire(type), assigneeId, message(body));
      }
    }
    render(ctx, states.manage(RequestContext.caller(ctx), id, change));
  }

  /**
   * {@code POST /conversations/{id}/customers}: {@code customer} names the contact by exactly one
   * of {@code intercom_user_id}, {@code user_id} or {@code email}, on behalf of {@code admin_id} or
   * of the contact its nested {@code customer} names.
   */
  void attachContactToConversation(Context ctx) {
    ConversationId id = ConversationId.parse(ctx.pathParam("id"));
    JsonRequest body = JsonRequest.parse(ctx, mapper);
    Long adminId = body.optionalId("admin_id");
    JsonRequest customer = body.requiredObject("customer");
    Reply.ContactRef contact = contactRef(customer);
    JsonRequest acting = customer.optionalObject("customer");
    Reply.ContactRef actingContact = acting == null ? null : contactRef(acting);
    if (adminId == null && actingContact == null) {
      throw ApiException.missing(body.path("admin_id"));
    }
    render(ctx, customers.attach(RequestContext.caller(ctx), id, adminId, contact, actingContact));
  }

  /** {@code DELETE /conversations/{id}/customers/{contact_id}}: {@code {admin_id}}. */
  void detachContactFromConversation(Context ctx) {
    ConversationId id = ConversationId.parse(ctx.pathParam("id"));
    JsonRequest body = JsonRequest.parse(ctx, mapper);
    long adminId = body.requiredId("admin_id");
    String contactId = ctx.pathParam("contact_id");
    render(ctx, customers.detach(RequestContext.caller(ctx), id, contactId, adminId));
  }

  /**
   * {@code POST /conversations/redact}: {@code {type: conversation_part, conversation_id,
   * conversation_part_id}} or {@code {type: source, conversation_id, source_id}}; ids as strings or
   * numbers.
   */
  void redactConversation(Context ctx) {
    JsonRequest body = JsonRequest.parse(ctx, mapper);
    String type = body.requiredEnum("type", List.of("conversation_part", "source"));
    String conversationId = requiredIdText(body, "conversation_id");
    boolean source = "source".equals(type);
    String targetId = requiredIdText(body, source ? "source_id" : "conversation_part_id");
    render(
        ctx,
        redactions.redact(
            RequestContext.caller(ctx), Redaction.parse(source, conversationId, targetId)));
  }

  /** {@code POST /conversations/{id}/tags}: {@code {id, admin_id}}; answers the {@code tag}. */
  void attachTagToConversation(Context ctx) {
    ConversationId id = conversationIdForTags(ctx);
    JsonRequest body = JsonRequest.parse(ctx, mapper);
    long tagId = tagId(body.optionalIdText("id"), body);
    long adminId = body.requiredId("admin_id");
    AppliedTag applied = conversations.attachTag(RequestContext.caller(ctx), id, tagId, adminId);
    ctx.json(ConversationRenderer.tag(applied));
  }

  /**
   * {@code DELETE /conversations/{id}/tags/{tag_id}}: {@code {admin_id}}; answers the {@code tag}.
   */
  void detachTagFromConversation(Context ctx) {
    ConversationId id = conversationIdForTags(ctx);
    JsonRequest body = JsonRequest.parse(ctx, mapper);
    long adminId = body.requiredId("admin_id");
    long tagId;
    try {
      tagId = Ids.parse(ctx.pathParam("tag_id"));
    } catch (ApiException e) {
      throw new ApiException(ErrorCode.TAG_NOT_FOUND);
    }
    Tag tag = conversations.detachTag(RequestContext.caller(ctx), id, tagId, adminId);
    ctx.json(new TagBasicJson("tag", Long.toString(tag.id()), tag.name()));
  }

  /** The optional message of a close or an assignment; a blank one is none. */
  private static String message(JsonRequest body) {
    String text = body.optionalString("body");
    return text == null || text.isBlank() ? null : text;
  }

  private static String requiredIdText(JsonRequest body, String field) {
    String text = body.optionalIdText(field);
    if (text == null) {
      throw ApiException.missing(body.path(field));
    }
    return text;
  }

  /**
   * A contact named by exactly one of {@code intercom_user_id}, {@code user_id} or {@code email}
   * (the {@code customer_request} oneOf).
   */
  private static Reply.ContactRef contactRef(JsonRequest customer) {
    String intercomUserId = customer.optionalIdText("intercom_user_id");
    String userId = customer.optionalIdText("user_id");
    String email = customer.optionalString("email");
    long given = CONTACT_KEYS.stream().filter(customer::present).count();
    if (given == 0) {
      throw new ApiException(
          ErrorCode.PARAMETER_NOT_FOUND,
          "one of intercom_user_id, user_id or email is required",
          customer.path("intercom_user_id"));
    }
    if (given > 1) {
      throw ApiException.invalid(
          customer.path("intercom_user_id"), "give only one of intercom_user_id, user_id or email");
    }
    if (email != null && (email.length() > StringLimits.SHORT || !email.contains("@"))) {
      throw ApiException.invalid(
          customer.path("email"), customer.path("email") + " is not a valid address");
    }
    return new Reply.ContactRef(intercomUserId, userId, email);
  }

  private static ConversationId conversationIdForTags(Context ctx) {
    try {
      return ConversationId.parse(ctx.pathParam("id"));
    } catch (ApiException e) {
      throw new ApiException(ErrorCode.CONVERSATION_NOT_FOUND);
    }
  }

  private static long tagId(String text, JsonRequest body) {
    if (text == null) {
      throw ApiException.missing(body.path("id"));
    }
    try {
      return Ids.parse(text.trim());
    } catch (ApiException e) {
      throw new ApiException(ErrorCode.TAG_NOT_FOUND);
    }
  }

  /** Decodes {@code attachment_files}; any file that does not decode fails the request. */
  /** The longest upload file name or content type accepted, characters. */
  private static final int MAX_FILE_NAME = StringLimits.SHORT;

  private static List<NewFile> files(JsonRequest body) {
    List<NewFile> files = new ArrayList<>();
    for (JsonRequest file : body.objectList("attachment_files", MAX_ATTACHMENTS)) {
      String data = file.requiredString("data");
      String name = file.optionalString("name");
      String contentType = file.optionalString("content_type");
      // Both go into the upload's response headers, which Jetty caps at 8 KiB.
      if (name != null && name.length() > MAX_FILE_NAME) {
        throw ApiException.invalid(
            file.path("name"),
            file.path("name") + " must be at most " + MAX_FILE_NAME + " characters");
      }
      if (contentType != null && contentType.length() > MAX_FILE_NAME) {
        throw ApiException.invalid(
            file.path("content_type"),
            file.path("content_type") + " must be at most " + MAX_FILE_NAME + " characters");
      }
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(data.replaceAll("\\s", ""));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid(file.path("data"), file.path("data") + " is not valid base64");
      }
      files.add(
          new NewFile(
              name == null || name.isBlank() ? "attachment" : name,
              contentType == null || contentType.isBlank()
                  ? "application/octet-stream"
                  : contentType,
              bytes));
    }
    return files;
  }

  private void render(Context ctx, ConversationDetails details) {
    ctx.json(
        ConversationRenderer.conversation(details, Params.baseUrl(ctx, publicUrl), plaintext(ctx)));
  }

  private static boolean plaintext(Context ctx) {
    return "plaintext".equals(ctx.queryParam("display_as"));
  }

  private static PagesJson pages(Page<?> page) {
    return new PagesJson(
        "pages",
        page.page(),
        page.perPage(),
        page.totalPages(),
        page.next() == null ? null : new NextJson(page.perPage(), page.next().encode()));
  }
}
