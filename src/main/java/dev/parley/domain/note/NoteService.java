package dev.parley.domain.note;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Store;
import dev.parley.domain.admin.Admin;
import dev.parley.domain.workspace.Caller;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Notes on contacts: Intercom's {@code createNote} ({@code POST /contacts/{id}/notes}), {@code
 * listNotes} ({@code GET /contacts/{id}/notes}) and {@code retrieveNote} ({@code GET /notes/{id}}).
 * A contact's notes are erased with it ({@code DELETE /contacts/{id}}).
 */
public final class NoteService {
  private static final Pattern TAG = Pattern.compile("<[a-zA-Z/][^<>]*>");

  private final Store store;
  private final Clock clock;

  public NoteService(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** A note with its author, when it has one that still exists. */
  public record AuthoredNote(Note note, Optional<Admin> author) {}

  /**
   * Writes a note about a contact ({@code createNote}).
   *
   * @param adminId the author, or null for the caller's admin
   * @param body the note's text; text without HTML is wrapped in a paragraph ({@link #html})
   * @throws ApiException 404 {@code not_found} "User Not Found" for an unknown contact, then 404
   *     {@code not_found} "Resource Not Found" for an unknown admin
   */
  public AuthoredNote create(Caller caller, String contactId, Long adminId, String body) {
    long ws = caller.workspaceId();
    long at = clock.instant().getEpochSecond();
    long author = adminId != null ? adminId : caller.adminId();
    return store.write(
        repos -> {
          var unused =
              repos
                  .contacts()
                  .lock(ws, contactId)
                  .orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND));
          Admin admin =
              repos
                  .admins()
                  .find(ws, author)
                  .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND));
          Note note = new Note(ws, repos.nextId("note"), contactId, admin.id(), html(body), at);
          repos.notes().insert(note);
          return new AuthoredNote(note, Optional.of(admin));
        });
  }

  /** One page of a contact's notes and how many it has in all. */
  public record NotePage(List<AuthoredNote> notes, long total) {}

  /**
   * One page of the notes of a contact, newest first ({@code listNotes}).
   *
   * @param page 1 for the first page
   * @param perPage notes per page
   * @throws ApiException 404 {@code not_found} "User Not Found" for an unknown contact
   */
  public NotePage list(Caller caller, String contactId, int page, int perPage) {
    long ws = caller.workspaceId();
    return store.read(
        repos -> {
          if (repos.contacts().find(ws, contactId).isEmpty()) {
            throw new ApiException(ErrorCode.USER_NOT_FOUND);
          }
          List<Note> notes =
              repos.notes().ofContact(ws, contactId, (long) (page - 1) * perPage, perPage);
          Map<Long, Admin> admins =
              repos
                  .admins()
                  .findAll(
                      ws,
                      notes.stream()
                          .map(Note::adminId)
                          .filter(id -> id != null)
                          .distinct()
                          .toList());
          return new NotePage(
              notes.stream()
                  .map(
                      n ->
                          new AuthoredNote(
                              n,
                              Optional.ofNullable(
                                  n.adminId() == null ? null : admins.get(n.adminId()))))
                  .toList(),
              repos.notes().count(ws, contactId));
        });
  }

  /**
   * One note ({@code retrieveNote}).
   *
   * @throws ApiException 404 {@code not_found} "Resource Not Found" for an unknown id
   */
  public AuthoredNote get(Caller caller, long noteId) {
    long ws = caller.workspaceId();
    return store.read(
        repos -> {
          Note note = repos.notes().find(ws, noteId).orElseThrow(ApiException::notFound);
          Optional<Admin> admin =
              note.adminId() == null ? Optional.empty() : repos.admins().find(ws, note.adminId());
          return new AuthoredNote(note, admin);
        });
  }

  /**
   * A note's body as Intercom stores it: text that holds no HTML tag becomes one paragraph ({@code
   * Hello} is {@code <p>Hello</p>}, as Intercom answers {@code createNote}), with {@code &}, {@code
   * <} and {@code >} escaped; text with a tag is kept as it is.
   */
  public static String html(String body) {
    if (TAG.matcher(body).find()) {
      return body;
    }
    String escaped = body.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    return "<p>" + escaped + "</p>";
  }
}
