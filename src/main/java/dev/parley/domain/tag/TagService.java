package dev.parley.domain.tag;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Store;
import dev.parley.domain.workspace.Caller;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Tags: Intercom's {@code POST /tags} (create or rename), {@code GET /tags}, {@code GET /tags/{id}}
 * and {@code DELETE /tags/{id}}.
 */
public final class TagService {
  private final Store store;
  private final Clock clock;

  public TagService(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Creates a tag, or renames one when {@code tagId} is given, as {@code createTag} in the 2.14
   * description: names are case-insensitive, so creating a name that exists answers the existing
   * tag.
   *
   * @param tagId the tag to rename, or null to create
   * @throws ApiException 404 {@code not_found} when {@code tagId} is unknown; 400 {@code
   *     parameter_invalid} when renaming onto another tag's name
   */
  public Tag createOrUpdate(Caller caller, String name, Long tagId) {
    long ws = caller.workspaceId();
    return store.write(
        repos -> {
          TagRepository tags = repos.tags();
          Optional<Tag> sameName = tags.findByName(ws, name);
          if (tagId == null) {
            if (sameName.isPresent()) {
              return sameName.get();
            }
            Tag tag = new Tag(ws, repos.nextId("tag"), name, clock.instant().getEpochSecond());
            tags.insert(tag);
            return tag;
          }
          Tag existing = tags.find(ws, tagId).orElseThrow(ApiException::notFound);
          if (sameName.isPresent() && sameName.get().id() != existing.id()) {
            throw new ApiException(
                ErrorCode.PARAMETER_INVALID, "invalid tag parameters: name is taken", "name");
          }
          tags.rename(ws, existing.id(), name);
          return new Tag(ws, existing.id(), name, existing.createdAt());
        });
  }

  /**
   * One tag ({@code findTag}).
   *
   * @throws ApiException 404 {@code not_found} "Resource Not Found" for an unknown id
   */
  public Tag get(Caller caller, long tagId) {
    return store.read(
        repos ->
            repos.tags().find(caller.workspaceId(), tagId).orElseThrow(ApiException::notFound));
  }

  /**
   * Deletes a tag ({@code deleteTag}) and detaches it from every conversation, contact and company
   * it was applied to, in one transaction, as Intercom untags everything when a tag is deleted; no
   * {@code contact.tag.deleted} is raised for those contacts (docs/contacts.md). parley has no
   * segments, so Intercom's 400 {@code tag_has_dependent_objects} never applies.
   *
   * @return the number of conversations it was detached from
   * @throws ApiException 404 {@code not_found} "Resource Not Found" for an unknown id
   */
  public int delete(Caller caller, long tagId) {
    long ws = caller.workspaceId();
    return store.write(
        repos -> {
          var unused = repos.tags().find(ws, tagId).orElseThrow(ApiException::notFound);
          return repos.tags().delete(ws, tagId);
        });
  }

  /** Every tag of the caller's workspace. */
  public List<Tag> list(Caller caller) {
    return store.read(repos -> repos.tags().list(caller.workspaceId()));
  }
}
