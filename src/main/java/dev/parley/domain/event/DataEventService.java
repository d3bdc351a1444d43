package dev.parley.domain.event;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.domain.contact.Contact;
import dev.parley.domain.workspace.Caller;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Data events of contacts, as Intercom's Data Events API serves them: {@code createDataEvent}
 * ({@code POST /events}), {@code lisDataEvents} ({@code GET /events}) and {@code
 * dataEventSummaries} ({@code POST /events/summaries}). Every submitted event also counts in its
 * contact's summary of that event name. A contact's events and summaries are erased with it ({@code
 * DELETE /contacts/{id}}).
 */
public final class DataEventService {
  private final Store store;

  public DataEventService(Store store) {
    this.store = store;
  }

  /**
   * Stores an event of a contact, unless Intercom's de-duplication key (contact, name, {@code
   * created_at}) is stored already; a stored one also counts in the contact's summary of its name.
   *
   * @param createdAt Unix seconds
   * @param metadata checked by the caller (at most 10 keys, values as {@link DataEvent} says)
   * @return false for a duplicate, which changes nothing (Intercom answers it 202 all the same)
   * @throws ApiException 404 {@code not_found} "User Not Found" when no contact matches {@code who}
   */
  public boolean submit(
      Caller caller,
      ContactKey who,
      String eventName,
      long createdAt,
      Map<String, Object> metadata) {
    long ws = caller.workspaceId();
    return store.write(
        repos -> {
          Contact contact = lockContact(repos, ws, who);
          DataEventRepository events = repos.events();
          if (!events.insert(new DataEvent(ws, contact.id(), eventName, createdAt, metadata))) {
            return false;
          }
          EventSummary summary =
              events
                  .summary(ws, contact.id(), eventName)
                  .map(s -> s.plus(1, createdAt, createdAt))
                  .orElse(new EventSummary(eventName, 1, createdAt, createdAt));
          events.saveSummary(ws, contact.id(), summary);
          return true;
        });
  }

  /**
   * Adds counts to a user's summaries ({@code dataEventSummaries}): each summary's count is added
   * to the stored one of its name, and its first and last times widen the stored ones.
   *
   * @throws ApiException 404 {@code not_found} "User Not Found" when no contact matches {@code who}
   */
  public void addSummaries(Caller caller, ContactKey who, List<EventSummary> summaries) {
    long ws = caller.workspaceId();
    store.write(
        repos -> {
          Contact contact = lockContact(repos, ws, who);
          DataEventRepository events = repos.events();
          for (EventSummary add : summaries) {
            EventSummary summary =
                events
                    .summary(ws, contact.id(), add.eventName())
                    .map(s -> s.plus(add.count(), add.firstAt(), add.lastAt()))
                    .orElse(add);
            events.saveSummary(ws, contact.id(), summary);
          }
          return null;
        });
  }

  /** One page of a contact's events, newest first, and the contact. */
  public record EventPage(Contact contact, List<DataEvent> events, boolean more) {}

  /**
   * One page of a contact's events, newest first ({@code lisDataEvents}).
   *
   * @param beforeCreatedAt with {@code beforeName}, the last event of the previous page (both null
   *     for the first page)
   * @param perPage events per page
   * @throws ApiException 404 {@code not_found} "User Not Found" when no contact matches {@code who}
   */
  public EventPage list(
      Caller caller, ContactKey who, Long beforeCreatedAt, String beforeName, int perPage) {
    long ws = caller.workspaceId();
    return store.read(
        repos -> {
          Contact contact = findContact(repos, ws, who, false);
          List<DataEvent> events =
              repos.events().ofContact(ws, contact.id(), beforeCreatedAt, beforeName, perPage + 1);
          boolean more = events.size() > perPage;
          return new EventPage(contact, more ? events.subList(0, perPage) : events, more);
        });
  }

  /** A contact's summaries, by event name, and the contact. */
  public record Summaries(Contact contact, List<EventSummary> summaries) {}

  /**
   * The summaries of a contact's events ({@code lisDataEvents} with {@code summary=true}).
   *
   * @throws ApiException 404 {@code not_found} "User Not Found" when no contact matches {@code who}
   */
  public Summaries summaries(Caller caller, ContactKey who) {
    long ws = caller.workspaceId();
    return store.read(
        repos -> {
          Contact contact = findContact(repos, ws, who, false);
          return new Summaries(contact, repos.events().summaries(ws, contact.id()));
        });
  }

  private static Contact lockContact(Repositories repos, long ws, ContactKey who) {
    Contact contact = findContact(repos, ws, who, true);
    return repos.contacts().lock(ws, contact.id()).orElseThrow(ApiException::notFound);
  }

  private static Contact findContact(
      Repositories repos, long ws, ContactKey who, boolean forWrite) {
    Optional<Contact> contact;
    if (who.id() != null) {
      contact = repos.contacts().find(ws, who.id());
    } else if (who.userId() != null) {
      contact = repos.contacts().findUserByExternalId(ws, who.userId());
    } else if (who.email() != null) {
      contact = repos.contacts().findByEmail(ws, who.email());
    } else {
      throw ApiException.missing(forWrite ? "id" : "intercom_user_id");
    }
    return contact.orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND));
  }
}
