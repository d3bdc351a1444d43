package dev.parley.domain.segment;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.domain.contact.Contact;
import dev.parley.domain.workspace.Caller;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Segments: Intercom's {@code listSegments}, {@code retrieveSegment} and {@code
 * listSegmentsForAContact}, read-only as in Intercom's API, and the operator's side (the CLI's
 * {@code segment} command): adding and deleting segments, putting contacts in them and taking them
 * out. Operator methods take a workspace id and throw {@link IllegalArgumentException}.
 */
public final class SegmentService {
  private final Store store;
  private final Clock clock;

  public SegmentService(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * A segment with the number of contacts in it.
   *
   * @param count null when not asked for ({@code include_count} false)
   */
  public record CountedSegment(Segment segment, Long count) {}

  /**
   * Every segment of the workspace in the order they were added ({@code listSegments}).
   *
   * @param includeCount whether to count each segment's contacts
   */
  public List<CountedSegment> list(Caller caller, boolean includeCount) {
    long ws = caller.workspaceId();
    return store.read(
        repos -> {
          List<Segment> segments = repos.segments().list(ws);
          Map<Long, Long> counts = includeCount ? repos.segments().counts(ws) : Map.of();
          return segments.stream()
              .map(
                  s -> new CountedSegment(s, includeCount ? counts.getOrDefault(s.id(), 0L) : null))
              .toList();
        });
  }

  /**
   * One segment ({@code retrieveSegment}).
   *
   * @param segmentId the id, or null for an id that is no integer (no such segment can exist)
   * @throws ApiException 404 {@code not_found} "Resource Not Found" for an unknown segment
   */
  public Segment get(Caller caller, Long segmentId) {
    if (segmentId == null) {
      throw ApiException.notFound();
    }
    return store.read(
        repos ->
            repos
                .segments()
                .find(caller.workspaceId(), segmentId)
                .orElseThrow(ApiException::notFound));
  }

  /**
   * The segments a contact is in, in the order they were added ({@code listSegmentsForAContact}).
   *
   * @throws ApiException 404 {@code not_found} "User Not Found" for an unknown contact
   */
  public List<Segment> ofContact(Caller caller, String contactId) {
    long ws = caller.workspaceId();
    return store.read(
        repos -> {
          if (repos.contacts().find(ws, contactId).isEmpty()) {
            throw new ApiException(ErrorCode.USER_NOT_FOUND);
          }
          return repos.segments().ofContact(ws, contactId);
        });
  }

  /**
   * Adds a segment to a workspace, empty.
   *
   * @param name 1 to 255 characters, unique among the workspace's segments
   * @param role {@code "user"} or {@code "lead"}: the contacts it may hold (its {@code person_type}
   *     is {@code user} or {@code contact})
   * @throws IllegalArgumentException for a blank or taken name or another role
   */
  public Segment create(long workspaceId, String name, String role) {
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty() || trimmed.length() > 255) {
      throw new IllegalArgumentException("a segment name must be 1 to 255 characters");
    }
    String personType =
        switch (role == null ? "user" : role) {
          case "user" -> "user";
          case "lead" -> "contact";
          default -> throw new IllegalArgumentException("a person type is user or lead");
        };
    long at = now();
    return store.write(
        repos -> {
          if (repos.segments().list(workspaceId).stream().anyMatch(s -> s.name().equals(trimmed))) {
            throw new IllegalArgumentException(
                "the workspace already has a segment named " + trimmed);
          }
          Segment segment =
              new Segment(workspaceId, repos.nextId("segment"), trimmed, personType, at, at);
          repos.segments().insert(segment);
          return segment;
        });
  }

  /**
   * Deletes a segment; its contacts stay, out of it.
   *
   * @throws IllegalArgumentException for an unknown segment
   */
  public void delete(long workspaceId, long segmentId) {
    store.write(
        repos -> {
          if (!repos.segments().delete(workspaceId, segmentId)) {
            throw new IllegalArgumentException("the workspace has no segment " + segmentId);
          }
          return null;
        });
  }

  /**
   * Puts a contact in a segment; a contact in it already stays as it is.
   *
   * @return false when it was in it already
   * @throws IllegalArgumentException for an unknown segment or contact, or a contact whose role is
   *     not the segment's (a lead in a segment of users)
   */
  public boolean addContact(long workspaceId, long segmentId, String contactId) {
    long at = now();
    return store.write(
        repos -> {
          Segment segment = requireSegment(repos, workspaceId, segmentId);
          Contact contact = requireContact(repos, workspaceId, contactId);
          if (!contact.role().equals(segment.role())) {
            throw new IllegalArgumentException(
                "contact "
                    + contactId
                    + " is a "
                    + contact.role()
                    + "; segment "
                    + segmentId
                    + " holds "
                    + segment.role()
                    + "s");
          }
          return repos.segments().addContact(workspaceId, segmentId, contactId, at);
        });
  }

  /**
   * Takes a contact out of a segment.
   *
   * @return false when it was not in it
   * @throws IllegalArgumentException for an unknown segment or contact
   */
  public boolean removeContact(long workspaceId, long segmentId, String contactId) {
    return store.write(
        repos -> {
          var unused = requireSegment(repos, workspaceId, segmentId);
          var alsoUnused = requireContact(repos, workspaceId, contactId);
          return repos.segments().removeContact(workspaceId, segmentId, contactId);
        });
  }

  private static Segment requireSegment(Repositories repos, long workspaceId, long segmentId) {
    return repos
        .segments()
        .find(workspaceId, segmentId)
        .orElseThrow(
            () -> new IllegalArgumentException("the workspace has no segment " + segmentId));
  }

  private static Contact requireContact(Repositories repos, long workspaceId, String contactId) {
    return repos
        .contacts()
        .lock(workspaceId, contactId)
        .orElseThrow(
            () -> new IllegalArgumentException("the workspace has no contact " + contactId));
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }
}
