package dev.parley.http.notes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.Ids;
import dev.parley.domain.note.NoteService;
import dev.parley.domain.note.NoteService.AuthoredNote;
import dev.parley.domain.note.NoteService.NotePage;
import dev.parley.domain.workspace.Scope;
import dev.parley.http.ApiRoute;
import dev.parley.http.Params;
import dev.parley.http.RequestContext;
import dev.parley.http.Wire;
import dev.parley.http.admins.AdminRoutes;
import dev.parley.http.admins.AdminWire.AdminJson;
import dev.parley.http.contacts.ContactWire.PagesJson;
import io.javalin.http.Context;
import java.util.List;

/**
 * Intercom's note operations (notes on contacts): {@code createNote} ({@code POST
 * /contacts/{id}/notes}), {@code listNotes} ({@code GET /contacts/{id}/notes}) and {@code
 * retrieveNote} ({@code GET /notes/{id}}).
 */
public record NoteRoutes(NoteService notes, ObjectMapper mapper) {
  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.post("/contacts/{id}/notes", "createNote", Scope.WRITE, this::createNote),
        ApiRoute.get("/contacts/{id}/notes", "listNotes", Scope.READ, this::listNotes),
        ApiRoute.get("/notes/{id}", "retrieveNote", Scope.READ, this::retrieveNote));
  }

  /**
   * {@code note}: {@code {type: "note", id, created_at, contact: {type, id}, author, body}}; ids
   * are strings, {@code created_at} Unix seconds, {@code author} the admin (left out when the note
   * has none), {@code body} HTML.
   */
  public record NoteJson(
      String type,
      String id,
      long createdAt,
      ContactRefJson contact,
      @JsonInclude(JsonInclude.Include.NON_NULL) AdminJson author,
      String body) {}

  /** The {@code contact} of a note: {@code {type: "contact", id}}. */
  public record ContactRefJson(String type, String id) {}

  /** {@code note_list}: a page of the contact's notes, newest first. */
  public record NoteListJson(String type, List<NoteJson> data, long totalCount, PagesJson pages) {}

  /**
   * The body of {@code createNote}: {@code body} required (at most 65,536 characters, as every
   * body); {@code admin_id} the author (a string or an integer; the token's admin when absent).
   */
  public record CreateNoteRequest(
      @Wire.Required String body, @JsonProperty("admin_id") Wire.NumericId adminId) {}

  /**
   * {@code POST /contacts/{id}/notes}: {@link CreateNoteRequest}; answers the {@code note}. 404
   * {@code not_found} "User Not Found" for an unknown contact, "Resource Not Found" for an unknown
   * admin.
   */
  void createNote(Context ctx) {
    CreateNoteRequest body = Wire.body(ctx, mapper, CreateNoteRequest.class);
    AuthoredNote note =
        notes.create(
            RequestContext.caller(ctx),
            ctx.pathParam("id"),
            body.adminId() == null ? null : body.adminId().value(),
            body.body());
    ctx.json(render(note));
  }

  /**
   * {@code GET /contacts/{id}/notes}: the contact's notes, newest first, a page at a time as
   * Intercom's SDKs ask for them: {@code page} (from 1) and {@code per_page} (1 to 150, default
   * 50); a page past the last is empty. {@code pages} has {@code page}, {@code per_page} and {@code
   * total_pages}, no {@code next}. 404 {@code not_found} "User Not Found" for an unknown contact.
   */
  void listNotes(Context ctx) {
    int page = Params.intParam(ctx, "page", 1, 1, Integer.MAX_VALUE);
    int perPage = Params.intParam(ctx, "per_page", 50, 1, 150);
    NotePage found = notes.list(RequestContext.caller(ctx), ctx.pathParam("id"), page, perPage);
    int totalPages = (int) ((found.total() + perPage - 1) / perPage);
    ctx.json(
        new NoteListJson(
            "list",
            found.notes().stream().map(NoteRoutes::render).toList(),
            found.total(),
            new PagesJson("pages", page, perPage, totalPages, null)));
  }

  /** {@code GET /notes/{id}}: the {@code note}; 404 {@code not_found} for an unknown id. */
  void retrieveNote(Context ctx) {
    long id = Ids.parse(ctx.pathParam("id"));
    ctx.json(render(notes.get(RequestContext.caller(ctx), id)));
  }

  static NoteJson render(AuthoredNote authored) {
    var n = authored.note();
    return new NoteJson(
        "note",
        Long.toString(n.id()),
        n.createdAt(),
        new ContactRefJson("contact", n.contactId()),
        authored.author().map(AdminRoutes::render).orElse(null),
        n.body());
  }
}
