package dev.parley.domain.contact;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.domain.conversation.AppliedTag;
import dev.parley.domain.tag.Tag;
import dev.parley.domain.webhook.Outbox;
import dev.parley.domain.webhook.Topic;
import dev.parley.domain.workspace.Caller;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Tags on contacts: Intercom's {@code attachTagToContact}, {@code detachTagFromContact}, {@code
 * listTagsForAContact}, and the "tag multiple users" form of {@code createTag} ({@code POST /tags}
 * with {@code users}). Tagging raises {@code contact.tag.created}, untagging {@code
 * contact.tag.deleted} (docs/contacts.md).
 */
public final class ContactTagService {
  private final Store store;
  private final Clock clock;
  private final Outbox outbox;

  /**
   * @param outbox raises {@code contact.tag.created} and {@code contact.tag.deleted}
   */
  public ContactTagService(Store store, Clock clock, Outbox outbox) {
    this.store = store;
    this.clock = clock;
    this.outbox = outbox;
  }

  /**
   * The tags applied to a contact ({@code listTagsForAContact}), in tag id order, each with when
   * and by whom it was applied.
   *
   * @throws ApiException 404 {@code not_found} "User Not Found" for an unknown contact
   */
  public List<AppliedTag> list(Caller caller, String contactId) {
    long ws = caller.workspaceId();
    return store.read(
        repos -> {
          requireContact(repos, ws, contactId);
          return repos.contactTags().ofContact(ws, contactId);
        });
  }

  /**
   * Applies a tag to a contact ({@code attachTagToContact}) by the caller's admin. A tag already
   * applied keeps its first application and raises nothing.
   *
   * @param tagId the tag's id, or null for an id that is no integer (no such tag can exist)
   * @return the tag with {@code applied_at} (Unix seconds) and {@code applied_by}
   * @throws ApiException 404 {@code not_found} "User Not Found" for an unknown contact, then 404
   *     {@code not_found} "Resource Not Found" for an unknown tag
   */
  public AppliedTag attach(Caller caller, String contactId, Long tagId) {
    long ws = caller.workspaceId();
    long at = clock.instant().getEpochSecond();
    return store.write(
        repos -> {
          Contact contact = lockContact(repos, ws, contactId);
          Tag tag = requireTag(repos, ws, tagId);
          return apply(repos, caller, contact, tag, at);
        });
  }

  /**
   * Removes a tag from a contact ({@code detachTagFromContact}).
   *
   * @param tagId the tag's id, or null for an id that is no integer
   * @return the tag as it was applied
   * @throws ApiException 404 {@code not_found} "User Not Found" for an unknown contact, then 404
   *     {@code not_found} "Resource Not Found" for an unknown tag or one the contact does not have
   */
  public AppliedTag detach(Caller caller, String contactId, Long tagId) {
    long ws = caller.workspaceId();
    long at = clock.instant().getEpochSecond();
    return store.write(
        repos -> {
          Contact contact = lockContact(repos, ws, contactId);
          Tag tag = requireTag(repos, ws, tagId);
          AppliedTag applied =
              repos
                  .contactTags()
                  .find(ws, contactId, tag.id())
                  .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND));
          repos.contactTags().delete(ws, contactId, tag.id());
          raise(repos, caller, contact, applied, Topic.CONTACT_TAG_DELETED, at);
          return applied;
        });
  }

  /**
   * Tags several contacts at once ({@code createTag} with {@code tag_multiple_users_request}): the
   * tag named {@code name} (case-insensitive; created when the workspace has none), applied to
   * every contact in {@code contactIds}, all or nothing.
   *
   * @param name the tag's name, already stripped and checked
   * @return the tag
   * @throws ApiException 404 {@code not_found} "User Not Found" when a contact id is unknown
   *     (nothing is tagged then, and no tag is created)
   */
  public Tag tagContacts(Caller caller, String name, List<String> contactIds) {
    long ws = caller.workspaceId();
    long at = clock.instant().getEpochSecond();
    return store.write(
        repos -> {
          List<Contact> contacts = lockContacts(repos, ws, contactIds);
          Optional<Tag> existing = repos.tags().findByName(ws, name);
          Tag tag;
          if (existing.isPresent()) {
            tag = existing.get();
          } else {
            tag = new Tag(ws, repos.nextId("tag"), name, at);
            repos.tags().insert(tag);
          }
          tagAll(repos, caller, contacts, tag, at);
          return tag;
        });
  }

  /**
   * Locks these contacts (each once, in the order given) in the caller's transaction, for {@link
   * #tagAll}.
   *
   * @throws ApiException 404 {@code not_found} "User Not Found" when one is unknown
   */
  public static List<Contact> lockContacts(
      Repositories repos, long workspaceId, List<String> contactIds) {
    return new LinkedHashSet<>(contactIds)
        .stream().map(id -> lockContact(repos, workspaceId, id)).toList();
  }

  /**
   * Applies {@code tag} to these contacts (locked by {@link #lockContacts}) in the caller's
   * transaction, raising {@code contact.tag.created} for each that did not have it.
   *
   * @param at Unix seconds
   */
  public void tagAll(Repositories repos, Caller caller, List<Contact> contacts, Tag tag, long at) {
    for (Contact contact : contacts) {
      var unused = apply(repos, caller, contact, tag, at);
    }
  }

  private AppliedTag apply(Repositories repos, Caller caller, Contact contact, Tag tag, long at) {
    long ws = caller.workspaceId();
    Long adminId = caller.adminId() > 0 ? caller.adminId() : null;
    if (repos.contactTags().insert(ws, contact.id(), tag.id(), at, adminId)) {
      AppliedTag applied = new AppliedTag(tag, at, adminId);
      raise(repos, caller, contact, applied, Topic.CONTACT_TAG_CREATED, at);
      return applied;
    }
    return repos
        .contactTags()
        .find(ws, contact.id(), tag.id())
        .orElseThrow(() -> new IllegalStateException("a contact tag vanished in its transaction"));
  }

  private void raise(
      Repositories repos, Caller caller, Contact contact, AppliedTag tag, Topic topic, long at) {
    long ws = caller.workspaceId();
    outbox.raise(
        repos,
        ws,
        topic,
        Outbox.contactKey(contact.id()),
        List.of(),
        () ->
            outbox
                .items()
                .contactTag(
                    caller.workspace(),
                    contact,
                    ContactLinks.of(repos, ws, contact.id()),
                    tag,
                    at));
  }

  private static void requireContact(Repositories repos, long ws, String contactId) {
    if (repos.contacts().find(ws, contactId).isEmpty()) {
      throw new ApiException(ErrorCode.USER_NOT_FOUND);
    }
  }

  private static Contact lockContact(Repositories repos, long ws, String contactId) {
    return repos
        .contacts()
        .lock(ws, contactId)
        .orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND));
  }

  private static Tag requireTag(Repositories repos, long ws, Long tagId) {
    if (tagId == null) {
      throw new ApiException(ErrorCode.NOT_FOUND);
    }
    return repos.tags().find(ws, tagId).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND));
  }
}
