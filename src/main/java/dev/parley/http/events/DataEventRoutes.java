package dev.parley.http.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.ApiException;
import dev.parley.domain.contact.Contact;
import dev.parley.domain.event.ContactKey;
import dev.parley.domain.event.DataEvent;
import dev.parley.domain.event.DataEventService;
import dev.parley.domain.event.DataEventService.EventPage;
import dev.parley.domain.event.DataEventService.Summaries;
import dev.parley.domain.event.EventSummary;
import dev.parley.domain.workspace.Scope;
import dev.parley.http.ApiRoute;
import dev.parley.http.Params;
import dev.parley.http.RequestContext;
import dev.parley.http.Wire;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Intercom's Data Events operations: {@code createDataEvent} ({@code POST /events}), {@code
 * lisDataEvents} ({@code GET /events}) and {@code dataEventSummaries} ({@code POST
 * /events/summaries}). docs/events.md gives the decisions where the 2.14 description is silent.
 */
public final class DataEventRoutes {
  /** Intercom keeps the first 10 metadata keys of an event and ignores the rest. */
  static final int MAX_METADATA_KEYS = 10;

  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.UTC);

  private final DataEventService events;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final String publicUrl;

  /**
   * @param clock the time a summary without {@code first} and {@code last} is given
   * @param publicUrl the base URL of {@code pages.next} links, or null to take it from each request
   */
  public DataEventRoutes(
      DataEventService events, ObjectMapper mapper, Clock clock, String publicUrl) {
    this.events = events;
    this.mapper = mapper;
    this.clock = clock;
    this.publicUrl = publicUrl;
  }

  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.post("/events", "createDataEvent", Scope.WRITE, this::createDataEvent),
        ApiRoute.get("/events", "lisDataEvents", Scope.READ, this::listDataEvents),
        ApiRoute.post(
            "/events/summaries", "dataEventSummaries", Scope.WRITE, this::dataEventSummaries));
  }

  /**
   * The body of {@code createDataEvent}: {@code event_name} and {@code created_at} (Unix seconds)
   * required, and one of {@code id} (Intercom's contact id), {@code user_id} or {@code email};
   * {@code metadata} an object.
   */
  public record CreateDataEventRequest(
      @Wire.Required @JsonProperty("event_name") String eventName,
      @Wire.Required @JsonProperty("created_at") Wire.Timestamp createdAt,
      Wire.Id id,
      @JsonProperty("user_id") Wire.Id userId,
      String email,
      JsonNode metadata) {}

  /**
   * {@code POST /events}: stores the event and answers 202 with an empty body, as Intercom does; a
   * duplicate (same contact, name and {@code created_at}) is ignored and answered 202 too. 400
   * {@code parameter_not_found} without {@code event_name}, {@code created_at} or any of {@code
   * id}, {@code user_id} and {@code email}; 400 {@code parameter_invalid} for a blank name or a
   * metadata value that is nested (other than a rich link or a monetary amount) or an array; 404
   * {@code not_found} "User Not Found" when no contact matches.
   */
  void createDataEvent(Context ctx) {
    CreateDataEventRequest body = Wire.body(ctx, mapper, CreateDataEventRequest.class);
    if (body.eventName().isBlank()) {
      throw ApiException.invalid("event_name", "event_name must not be blank");
    }
    ContactKey who =
        new ContactKey(text(body.id()), text(body.userId()), blankToNull(body.email()));
    if (who.isEmpty()) {
      throw ApiException.missing("id, user_id or email");
    }
    Map<String, Object> metadata = metadata(body.metadata());
    events.submit(
        RequestContext.caller(ctx),
        who,
        body.eventName().strip(),
        body.createdAt().seconds(),
        metadata);
    ctx.status(202);
  }

  /** {@code event}: one of a contact's events, as {@code lisDataEvents} lists them. */
  public record EventJson(
      String type,
      String eventName,
      long createdAt,
      @JsonInclude(JsonInclude.Include.NON_NULL) String userId,
      String id,
      String intercomUserId,
      @JsonInclude(JsonInclude.Include.NON_NULL) String email,
      Map<String, Object> metadata) {}

  /** {@code event.list}: a page of events, newest first, with {@code pages.next} when more. */
  public record EventListJson(
      String type,
      List<EventJson> events,
      PagesJson pages,
      @JsonInclude(JsonInclude.Include.NON_NULL) String email,
      String intercomUserId,
      @JsonInclude(JsonInclude.Include.NON_NULL) String userId) {}

  /**
   * The {@code pages} of an event list: {@code next}, the URL of the next page, when there is one.
   */
  public record PagesJson(@JsonInclude(JsonInclude.Include.NON_NULL) String next) {}

  /** {@code data_event_summary_item}: times are ISO 8601 strings in UTC, as Intercom's example. */
  public record SummaryItemJson(String name, String first, String last, long count) {}

  /** {@code event.summary}: the contact's summaries, by event name. */
  public record SummaryJson(
      String type,
      @JsonInclude(JsonInclude.Include.NON_NULL) String email,
      String intercomUserId,
      @JsonInclude(JsonInclude.Include.NON_NULL) String userId,
      List<SummaryItemJson> events) {}

  /**
   * {@code GET /events}: {@code type=user} required (400 otherwise) and the contact by {@code
   * intercom_user_id}, {@code user_id} or {@code email} (400 {@code parameter_not_found} without
   * any). Without {@code summary=true}: an {@code event.list} of the contact's events, newest
   * first, {@code per_page} (1 to 150, default 50) at a time, {@code pages.next} carrying the
   * position in {@code before}. With it: an {@code event.summary}. 404 {@code not_found} "User Not
   * Found" when no contact matches.
   */
  void listDataEvents(Context ctx) {
    String type = ctx.queryParam("type");
    if (type == null || type.isEmpty()) {
      throw ApiException.missing("type");
    }
    if (!type.equals("user")) {
      throw ApiException.invalid("type", "type must be user");
    }
    ContactKey who =
        new ContactKey(
            blankToNull(ctx.queryParam("intercom_user_id")),
            blankToNull(ctx.queryParam("user_id")),
            blankToNull(ctx.queryParam("email")));
    if (who.isEmpty()) {
      throw ApiException.missing("intercom_user_id, user_id or email");
    }
    String summary = ctx.queryParam("summary");
    if (summary != null && !Set.of("true", "false").contains(summary)) {
      throw ApiException.invalid("summary", "summary must be true or false");
    }
    if ("true".equals(summary)) {
      Summaries found = events.summaries(RequestContext.caller(ctx), who);
      Contact c = found.contact();
      ctx.json(
          new SummaryJson(
              "event.summary",
              c.email(),
              c.id(),
              c.externalId(),
              found.summaries().stream().map(DataEventRoutes::render).toList()));
      return;
    }
    int perPage = Params.intParam(ctx, "per_page", 50, 1, 150);
    Long beforeAt = null;
    String beforeName = null;
    String before = ctx.queryParam("before");
    if (before != null && !before.isEmpty()) {
      int dot = before.indexOf('.');
      try {
        beforeAt = Params.parseLong(dot < 0 ? before : before.substring(0, dot));
      } catch (NumberFormatException e) {
        throw ApiException.invalid("before", "before is not a position in this list");
      }
      beforeName = dot < 0 ? "\uffff" : before.substring(dot + 1);
    }
    EventPage page = events.list(RequestContext.caller(ctx), who, beforeAt, beforeName, perPage);
    Contact c = page.contact();
    String next = null;
    if (page.more()) {
      DataEvent last = page.events().get(page.events().size() - 1);
      next =
          Params.baseUrl(ctx, publicUrl)
              + "/events?type=user&intercom_user_id="
              + c.id()
              + "&per_page="
              + perPage
              + "&before="
              + URLEncoder.encode(
                  last.createdAt() + "." + last.eventName(), StandardCharsets.UTF_8);
    }
    ctx.json(
        new EventListJson(
            "event.list",
            page.events().stream().map(e -> render(e, c)).toList(),
            new PagesJson(next),
            c.email(),
            c.id(),
            c.externalId()));
  }

  /** The body of {@code dataEventSummaries}: the user and one summary or a list of them. */
  public record SummariesRequest(
      @JsonProperty("user_id") Wire.Id userId,
      Wire.Id id,
      String email,
      @JsonProperty("event_summaries") JsonNode eventSummaries) {}

  /**
   * {@code POST /events/summaries}: adds each summary ({@code event_name} required, {@code count} a
   * positive integer, default 1; {@code first} and {@code last} Unix seconds: when one is absent it
   * is the other, when both are, now) to the user's summary of that name, and answers 200 with an
   * empty body. {@code event_summaries} is one summary object, as the 2.14 description types it, or
   * a list of them, as Intercom's older API took. 400 without a user or a summary; 404 {@code
   * not_found} "User Not Found" when no contact matches.
   */
  void dataEventSummaries(Context ctx) {
    SummariesRequest body = Wire.body(ctx, mapper, SummariesRequest.class);
    ContactKey who =
        new ContactKey(text(body.id()), text(body.userId()), blankToNull(body.email()));
    if (who.isEmpty()) {
      throw ApiException.missing("user_id");
    }
    JsonNode given = body.eventSummaries();
    if (given == null || given.isNull()) {
      throw ApiException.missing("event_summaries");
    }
    List<JsonNode> items = new ArrayList<>();
    if (given.isArray()) {
      given.forEach(items::add);
    } else {
      items.add(given);
    }
    long now = clock.instant().getEpochSecond();
    List<EventSummary> summaries = new ArrayList<>();
    for (JsonNode item : items) {
      summaries.add(summary(item, now));
    }
    events.addSummaries(RequestContext.caller(ctx), who, summaries);
    ctx.status(200);
  }

  private static EventSummary summary(JsonNode item, long now) {
    if (!item.isObject()) {
      throw ApiException.invalid("event_summaries", "event_summaries must hold objects");
    }
    JsonNode name = item.get("event_name");
    if (name == null || name.isNull()) {
      throw ApiException.missing("event_summaries.event_name");
    }
    if (!name.isTextual() || name.textValue().isBlank()) {
      throw ApiException.invalid(
          "event_summaries.event_name", "event_summaries.event_name must be a non-blank string");
    }
    long count = integer(item, "count", 1);
    if (count < 1) {
      throw ApiException.invalid(
          "event_summaries.count", "event_summaries.count must be a positive integer");
    }
    Long first = item.has("first") ? integer(item, "first", 0) : null;
    Long last = item.has("last") ? integer(item, "last", 0) : null;
    long firstAt = first != null ? first : last != null ? last : now;
    long lastAt = last != null ? last : firstAt;
    if (firstAt < 0 || lastAt < firstAt || lastAt > Wire.Timestamp.MAX) {
      throw ApiException.invalid(
          "event_summaries.first",
          "event_summaries.first and last must be Unix seconds, first not after last");
    }
    return new EventSummary(name.textValue().strip(), count, firstAt, lastAt);
  }

  private static long integer(JsonNode item, String field, long fallback) {
    JsonNode value = item.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw ApiException.invalid(
          "event_summaries." + field, "event_summaries." + field + " must be an integer");
    }
    return value.longValue();
  }

  /**
   * An event's metadata as Intercom keeps it: the first {@value #MAX_METADATA_KEYS} keys in the
   * order sent; strings, numbers and booleans as they are; an object only as a rich link ({@code
   * url} and {@code value}) or a monetary amount ({@code amount}, an integer of cents, and {@code
   * currency}); a null value is dropped.
   *
   * @throws ApiException 400 {@code parameter_invalid} naming {@code metadata.KEY} for an array or
   *     another object ("nested JSON structure" is not supported)
   */
  static Map<String, Object> metadata(JsonNode metadata) {
    Map<String, Object> kept = new LinkedHashMap<>();
    if (metadata == null || metadata.isNull()) {
      return kept;
    }
    if (!metadata.isObject()) {
      throw ApiException.invalid("metadata", "metadata must be an object");
    }
    Iterator<Map.Entry<String, JsonNode>> fields = metadata.fields();
    while (fields.hasNext() && kept.size() < MAX_METADATA_KEYS) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = "metadata." + field.getKey();
      JsonNode v = field.getValue();
      if (field.getKey().isBlank()) {
        throw ApiException.invalid("metadata", "metadata keys must not be blank");
      }
      if (v.isNull()) {
        continue;
      }
      if (v.isTextual()) {
        kept.put(field.getKey(), v.textValue());
      } else if (v.isBoolean()) {
        kept.put(field.getKey(), v.booleanValue());
      } else if (v.isIntegralNumber() && v.canConvertToLong()) {
        kept.put(field.getKey(), v.longValue());
      } else if (v.isNumber()) {
        kept.put(field.getKey(), v.doubleValue());
      } else if (isRichLink(v)) {
        kept.put(
            field.getKey(),
            Map.of("url", v.get("url").textValue(), "value", v.get("value").textValue()));
      } else if (isMonetaryAmount(v)) {
        kept.put(
            field.getKey(),
            Map.of(
                "amount", v.get("amount").longValue(), "currency", v.get("currency").textValue()));
      } else {
        throw ApiException.invalid(
            name,
            name
                + " must be a string, a number, a boolean, a rich link {url, value} or a monetary"
                + " amount {amount, currency}: nested JSON is not supported");
      }
    }
    return kept;
  }

  private static boolean isRichLink(JsonNode v) {
    return v.isObject()
        && v.size() == 2
        && v.path("url").isTextual()
        && v.path("value").isTextual();
  }

  private static boolean isMonetaryAmount(JsonNode v) {
    return v.isObject()
        && v.size() == 2
        && v.path("amount").isIntegralNumber()
        && v.path("amount").canConvertToLong()
        && v.path("amount").longValue() >= 0
        && v.path("currency").isTextual();
  }

  private static EventJson render(DataEvent e, Contact c) {
    return new EventJson(
        "event",
        e.eventName(),
        e.createdAt(),
        c.externalId(),
        c.id(),
        c.id(),
        c.email(),
        e.metadata());
  }

  private static SummaryItemJson render(EventSummary s) {
    return new SummaryItemJson(
        s.eventName(),
        ISO.format(Instant.ofEpochSecond(s.firstAt())),
        ISO.format(Instant.ofEpochSecond(s.lastAt())),
        s.count());
  }

  private static String text(Wire.Id id) {
    return id == null ? null : blankToNull(id.text());
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
