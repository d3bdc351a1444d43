package dev.parley.http.segments;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.domain.ApiException;
import dev.parley.domain.Ids;
import dev.parley.domain.segment.Segment;
import dev.parley.domain.segment.SegmentService;
import dev.parley.domain.workspace.Scope;
import dev.parley.http.ApiRoute;
import dev.parley.http.Params;
import dev.parley.http.RequestContext;
import io.javalin.http.Context;
import java.util.List;

/**
 * Intercom's segment operations, read-only as in its API: {@code listSegments} ({@code GET
 * /segments}), {@code retrieveSegment} ({@code GET /segments/{id}}) and {@code
 * listSegmentsForAContact} ({@code GET /contacts/{id}/segments}). Operators add segments and their
 * contacts with the CLI's {@code segment} command.
 */
public record SegmentRoutes(SegmentService segments) {
  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get("/segments", "listSegments", Scope.READ, this::listSegments),
        ApiRoute.get("/segments/{id}", "retrieveSegment", Scope.READ, this::retrieveSegment),
        ApiRoute.get(
            "/contacts/{id}/segments",
            "listSegmentsForAContact",
            Scope.READ,
            this::listSegmentsForAContact));
  }

  /**
   * {@code segment}: {@code {type: "segment", id, name, created_at, updated_at, person_type,
   * count?}}; the id a string, times Unix seconds, {@code person_type} {@code user} or {@code
   * contact} (leads), {@code count} (the contacts in it) only when asked for.
   */
  public record SegmentJson(
      String type,
      String id,
      String name,
      long createdAt,
      long updatedAt,
      String personType,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long count) {}

  /** {@code segment_list}: {@code {type: "segment.list", segments: [...]}}, never paged. */
  public record SegmentListJson(String type, List<SegmentJson> segments) {}

  /** {@code contact_segments}: {@code {type: "list", data: [...]}}. */
  public record ContactSegmentsJson(String type, List<SegmentJson> data) {}

  /**
   * {@code GET /segments}: every segment of the workspace in the order added; {@code
   * include_count=true} adds each one's {@code count} (400 {@code parameter_invalid} for a value
   * other than true or false).
   */
  void listSegments(Context ctx) {
    boolean includeCount = Params.boolParam(ctx, "include_count", false);
    ctx.json(
        new SegmentListJson(
            "segment.list",
            segments.list(RequestContext.caller(ctx), includeCount).stream()
                .map(c -> render(c.segment(), c.count()))
                .toList()));
  }

  /** {@code GET /segments/{id}}: the {@code segment}; 404 {@code not_found} for an unknown id. */
  void retrieveSegment(Context ctx) {
    ctx.json(render(segments.get(RequestContext.caller(ctx), idOrNull(ctx.pathParam("id"))), null));
  }

  /**
   * {@code GET /contacts/{id}/segments}: the segments the contact is in, in the order added; 404
   * {@code not_found} "User Not Found" for an unknown contact.
   */
  void listSegmentsForAContact(Context ctx) {
    ctx.json(
        new ContactSegmentsJson(
            "list",
            segments.ofContact(RequestContext.caller(ctx), ctx.pathParam("id")).stream()
                .map(s -> render(s, null))
                .toList()));
  }

  /** A segment as the segment operations render it, with {@code count} when not null. */
  public static SegmentJson render(Segment s, Long count) {
    return new SegmentJson(
        "segment",
        Long.toString(s.id()),
        s.name(),
        s.createdAt(),
        s.updatedAt(),
        s.personType(),
        count);
  }

  /** An id, or null for text that is no id (no segment or subscription type has it). */
  static Long idOrNull(String text) {
    try {
      return Ids.parse(text.trim());
    } catch (ApiException e) {
      return null;
    }
  }
}
