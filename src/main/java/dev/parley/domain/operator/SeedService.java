package dev.parley.domain.operator;

import dev.parley.domain.ApiException;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.domain.contact.ContactService;
import dev.parley.domain.conversation.AssigneeType;
import dev.parley.domain.conversation.ConversationSeeding;
import dev.parley.domain.conversation.NewConversation;
import dev.parley.domain.conversation.PartType;
import dev.parley.domain.conversation.Reply;
import dev.parley.domain.conversation.StateChange;
import dev.parley.domain.note.Note;
import dev.parley.domain.note.NoteService;
import dev.parley.domain.workspace.Scope;
import dev.parley.domain.workspace.Tokens;
import dev.parley.domain.workspace.Workspace;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads a fixture ({@link Seed}) into a workspace in one transaction (issue 17, "Seeding"): all of
 * it, or, on any bad input, none of it. Objects are written through the same steps as the API's
 * (contacts with their tags and notes, admins, teams and tags as rows; conversations by {@link
 * ConversationSeeding}), so search, statistics and reporting see ordinary data, and erasure erases
 * it like any other. Seeding raises no webhook notification: it is setup, not activity.
 *
 * <p>A conversation is built in time order: its first message at {@code created_at}; its assignees
 * and tags at that moment; its parts at theirs; then closed or snoozed at its last part's time. The
 * admin who assigns, tags, closes and snoozes is its admin assignee, else the workspace's first
 * admin (its owner).
 */
public final class SeedService {
  private static final Set<String> STATES = Set.of("open", "closed", "snoozed");
  private static final long DEFAULT_SNOOZE_SECONDS = 86_400;

  private final Store store;
  private final Clock clock;
  private final WorkspaceService workspaces;

  public SeedService(Store store, Clock clock, WorkspaceService workspaces) {
    this.store = store;
    this.clock = clock;
    this.workspaces = workspaces;
  }

  /**
   * Seeds an existing workspace ({@code POST /_parley/workspaces/{name}/seed}).
   *
   * @return the ids given, by kind and ref
   * @throws ApiException 404 {@code not_found} for an unknown workspace; 400 {@code
   *     parameter_invalid} naming the field for bad input (a {@code workspace} other than {@code
   *     name}, an unknown ref, a time after now, an unknown state, a taken admin email ...); the
   *     store is then unchanged
   */
  public Seed.Ids seed(String name, Seed seed) {
    if (seed.workspace() != null && !seed.workspace().equals(name)) {
      throw ApiException.invalid(
          "workspace", "workspace must be absent or the path's workspace, '" + name + "'");
    }
    long now = now();
    check(seed, now);
    return store.write(
        repos -> {
          Workspace ws = repos.workspaces().findByName(name).orElseThrow(ApiException::notFound);
          return write(repos, ws.id(), seed, now);
        });
  }

  /**
   * What {@link #seedAtStart} did.
   *
   * @param token the token of a workspace it created (shown once), or null
   * @param ids the ids given, or null when seeding was skipped
   */
  public record StartOutcome(String workspace, String token, Seed.Ids ids) {}

  /**
   * Seeds the workspace a fixture names at start-up ({@code serve --seed FILE}): creates it when
   * absent, as {@code POST /_parley/workspaces} would (an owner admin and a token with every
   * scope), in the same transaction; skips a workspace that already holds contacts or
   * conversations, so that a restart with the same flag adds nothing.
   *
   * @throws ApiException 400 for bad input, as {@link #seed}; nothing is then written
   */
  public StartOutcome seedAtStart(Seed seed) {
    if (seed.workspace() == null || seed.workspace().isBlank()) {
      throw ApiException.missing("workspace");
    }
    String name = seed.workspace();
    long now = now();
    check(seed, now);
    String secret = Tokens.generate();
    return store.write(
        repos -> {
          Optional<Workspace> existing = repos.workspaces().findByName(name);
          String token = null;
          Workspace ws;
          if (existing.isPresent()) {
            ws = existing.get();
            if (repos.contacts().count(ws.id()) > 0 || repos.conversations().count(ws.id()) > 0) {
              return new StartOutcome(name, null, null);
            }
          } else {
            ws =
                workspaces
                    .createWithTokenWithin(repos, name, EnumSet.allOf(Scope.class), secret)
                    .workspace();
            token = secret;
          }
          return new StartOutcome(name, token, write(repos, ws.id(), seed, now));
        });
  }

  /** Checks what needs no store: refs, enums, times. */
  private static void check(Seed seed, long now) {
    Refs admins = new Refs("admins");
    for (int i = 0; i < seed.admins().size(); i++) {
      admins.add(seed.admins().get(i).ref(), i);
    }
    Set<String> emails = new HashSet<>();
    for (int i = 0; i < seed.admins().size(); i++) {
      if (!emails.add(seed.admins().get(i).email().toLowerCase(Locale.ROOT))) {
        throw ApiException.invalid(
            "admins[" + i + "].email", "admins[" + i + "].email is another admin's email");
      }
    }
    Refs teams = new Refs("teams");
    for (int i = 0; i < seed.teams().size(); i++) {
      Seed.Team team = seed.teams().get(i);
      teams.add(team.ref(), i);
      for (String admin : team.admins()) {
        admins.require(admin, "teams[" + i + "].admins");
      }
    }
    Refs tags = new Refs("tags");
    for (int i = 0; i < seed.tags().size(); i++) {
      tags.add(seed.tags().get(i).ref(), i);
    }
    Refs contacts = new Refs("contacts");
    for (int i = 0; i < seed.contacts().size(); i++) {
      Seed.Contact contact = seed.contacts().get(i);
      String path = "contacts[" + i + "]";
      contacts.add(contact.ref(), i);
      if (contact.role() != null && !Set.of("user", "lead").contains(contact.role())) {
        throw ApiException.invalid(path + ".role", path + ".role must be one of user, lead");
      }
      notAfterNow(contact.createdAt(), path + ".created_at", now);
      for (String tag : contact.tags()) {
        tags.require(tag, path + ".tags");
      }
      for (int j = 0; j < contact.notes().size(); j++) {
        Seed.Note note = contact.notes().get(j);
        String notePath = path + ".notes[" + j + "]";
        if (note.admin() != null) {
          admins.require(note.admin(), notePath + ".admin");
        }
        notAfterNow(note.createdAt(), notePath + ".created_at", now);
      }
    }
    Refs conversations = new Refs("conversations");
    for (int i = 0; i < seed.conversations().size(); i++) {
      Seed.Conversation c = seed.conversations().get(i);
      String path = "conversations[" + i + "]";
      conversations.add(c.ref(), i);
      contacts.require(c.contact(), path + ".contact");
      notAfterNow(c.createdAt(), path + ".created_at", now);
      String state = c.state() == null ? "open" : c.state();
      if (!STATES.contains(state)) {
        throw ApiException.invalid(
            path + ".state", path + ".state must be one of open, closed, snoozed");
      }
      if (c.snoozedUntil() != null) {
        if (!state.equals("snoozed")) {
          throw ApiException.invalid(
              path + ".snoozed_until", path + ".snoozed_until is for a snoozed conversation");
        }
        if (c.snoozedUntil() <= now) {
          throw ApiException.invalid(
              path + ".snoozed_until", path + ".snoozed_until must be a time in the future");
        }
      }
      if (c.adminAssignee() != null) {
        admins.require(c.adminAssignee(), path + ".admin_assignee");
      }
      if (c.teamAssignee() != null) {
        teams.require(c.teamAssignee(), path + ".team_assignee");
      }
      for (String tag : c.tags()) {
        tags.require(tag, path + ".tags");
      }
      long previous = c.createdAt() == null ? now : c.createdAt();
      for (int j = 0; j < c.parts().size(); j++) {
        Seed.Part part = c.parts().get(j);
        String partPath = path + ".parts[" + j + "]";
        if (!Set.of("comment", "note").contains(part.type())) {
          throw ApiException.invalid(
              partPath + ".type", partPath + ".type must be one of comment, note");
        }
        if ((part.admin() == null) == (part.contact() == null)) {
          throw ApiException.invalid(
              partPath + ".admin", partPath + " needs exactly one of admin, contact");
        }
        if (part.admin() != null) {
          admins.require(part.admin(), partPath + ".admin");
        } else {
          contacts.require(part.contact(), partPath + ".contact");
          if (part.type().equals("note")) {
            throw ApiException.invalid(partPath + ".type", partPath + ": notes are by admins");
          }
        }
        String at = partPath + ".created_at";
        long partAt = part.createdAt() == null ? previous : part.createdAt();
        notAfterNow(partAt, at, now);
        if (partAt < previous) {
          throw ApiException.invalid(
              at, at + " must not be before its conversation's nor the previous part's");
        }
        previous = partAt;
      }
    }
  }

  private static void notAfterNow(Long at, String path, long now) {
    if (at != null && at > now) {
      throw ApiException.invalid(
          path, path + " must not be after the server clock's now (" + now + ")");
    }
    if (at != null && at < 0) {
      throw ApiException.invalid(path, path + " must be seconds since the epoch");
    }
  }

  /** The refs of one kind of a fixture: unique, and every reference to one defined. */
  private static final class Refs {
    private final String kind;
    private final Set<String> refs = new HashSet<>();

    Refs(String kind) {
      this.kind = kind;
    }

    void add(String ref, int index) {
      if (!refs.add(ref)) {
        String path = kind + "[" + index + "].ref";
        throw ApiException.invalid(path, path + " '" + ref + "' is defined twice");
      }
    }

    void require(String ref, String path) {
      if (!refs.contains(ref)) {
        throw ApiException.invalid(path, path + " names no " + kind + " ref '" + ref + "'");
      }
    }
  }

  /** Writes a checked fixture into workspace {@code ws}; returns the ids by kind and ref. */
  private static Seed.Ids write(Repositories repos, long ws, Seed seed, long now) {
    Map<String, Long> admins = new HashMap<>();
    for (int i = 0; i < seed.admins().size(); i++) {
      Seed.Admin a = seed.admins().get(i);
      if (repos.admins().findByEmail(ws, a.email()).isPresent()) {
        String path = "admins[" + i + "].email";
        throw ApiException.invalid(path, path + " is the email of an admin of the workspace");
      }
      long id = repos.nextId("admin");
      repos
          .admins()
          .insert(
              new dev.parley.domain.admin.Admin(
                  ws, id, a.name(), a.email(), null, false, false, null, true, false, now,
                  List.of()));
      admins.put(a.ref(), id);
    }
    Map<String, Long> teams = new HashMap<>();
    for (Seed.Team t : seed.teams()) {
      long id = repos.nextId("team");
      List<Long> members =
          List.copyOf(new LinkedHashSet<>(t.admins().stream().map(admins::get).toList()));
      repos.admins().insertTeam(new dev.parley.domain.admin.Team(ws, id, t.name(), now, members));
      teams.put(t.ref(), id);
    }
    Map<String, Long> tags = new HashMap<>();
    for (Seed.Tag t : seed.tags()) {
      dev.parley.domain.tag.Tag tag =
          repos
              .tags()
              .findByName(ws, t.name())
              .orElseGet(
                  () -> {
                    var created =
                        new dev.parley.domain.tag.Tag(ws, repos.nextId("tag"), t.name(), now);
                    repos.tags().insert(created);
                    return created;
                  });
      tags.put(t.ref(), tag.id());
    }
    Map<String, String> contacts = new HashMap<>();
    for (Seed.Contact c : seed.contacts()) {
      long at = c.createdAt() == null ? now : c.createdAt();
      String id = ContactService.newContactId();
      repos
          .contacts()
          .insert(
              new dev.parley.domain.contact.Contact(
                  ws,
                  id,
                  c.role() == null ? "user" : c.role(),
                  c.email(),
                  c.externalId(),
                  c.name(),
                  null,
                  null,
                  null,
                  false,
                  c.customAttributes() == null
                      ? new LinkedHashMap<>()
                      : new LinkedHashMap<>(c.customAttributes()),
                  null,
                  null,
                  null,
                  false,
                  at,
                  at));
      contacts.put(c.ref(), id);
      for (String tag : new LinkedHashSet<>(c.tags())) {
        repos.contactTags().insert(ws, id, tags.get(tag), at, firstAdmin(repos, ws));
      }
      for (Seed.Note n : c.notes()) {
        long author = n.admin() != null ? admins.get(n.admin()) : firstAdmin(repos, ws);
        repos
            .notes()
            .insert(
                new Note(
                    ws,
                    repos.nextId("note"),
                    id,
                    author,
                    NoteService.html(n.body()),
                    n.createdAt() == null ? now : n.createdAt()));
      }
    }
    Map<String, Long> conversations = new HashMap<>();
    for (int i = 0; i < seed.conversations().size(); i++) {
      Seed.Conversation c = seed.conversations().get(i);
      conversations.put(
          c.ref(), writeConversation(repos, ws, c, admins, teams, tags, contacts, now, i));
    }
    Map<String, Map<String, String>> ids = new LinkedHashMap<>();
    ids.put("admins", asStrings(seed.admins().stream().map(Seed.Admin::ref).toList(), admins));
    ids.put("teams", asStrings(seed.teams().stream().map(Seed.Team::ref).toList(), teams));
    ids.put("tags", asStrings(seed.tags().stream().map(Seed.Tag::ref).toList(), tags));
    Map<String, String> contactIds = new LinkedHashMap<>();
    seed.contacts().forEach(c -> contactIds.put(c.ref(), contacts.get(c.ref())));
    ids.put("contacts", contactIds);
    ids.put(
        "conversations",
        asStrings(
            seed.conversations().stream().map(Seed.Conversation::ref).toList(), conversations));
    return new Seed.Ids(ids);
  }

  /**
   * The workspace's first admin (its owner), who applies a seeded contact's tags and writes its
   * notes without an author.
   *
   * @throws ApiException 400 {@code parameter_invalid} naming {@code admins} when it has none
   */
  private static long firstAdmin(Repositories repos, long ws) {
    return repos.admins().list(ws).stream()
        .findFirst()
        .orElseThrow(
            () ->
                ApiException.invalid(
                    "admins", "the workspace has no admin to tag or note contacts"))
        .id();
  }

  private static long writeConversation(
      Repositories repos,
      long ws,
      Seed.Conversation c,
      Map<String, Long> admins,
      Map<String, Long> teams,
      Map<String, Long> tags,
      Map<String, String> contacts,
      long now,
      int index) {
    long createdAt = c.createdAt() == null ? now : c.createdAt();
    long id =
        ConversationSeeding.start(
            repos,
            ws,
            new NewConversation(
                "contact", contacts.get(c.contact()), c.body(), c.subject(), List.of(), createdAt));
    Long adminAssignee = c.adminAssignee() == null ? null : admins.get(c.adminAssignee());
    long actor =
        adminAssignee != null
            ? adminAssignee
            : repos.admins().list(ws).stream()
                .findFirst()
                .orElseThrow(
                    () ->
                        ApiException.invalid(
                            "admins",
                            "the workspace has no admin to act on conversations[" + index + "]"))
                .id();
    if (adminAssignee != null) {
      ConversationSeeding.manage(
          repos,
          ws,
          id,
          new StateChange.Assign(actor, AssigneeType.ADMIN, adminAssignee, null),
          createdAt);
    }
    if (c.teamAssignee() != null) {
      ConversationSeeding.manage(
          repos,
          ws,
          id,
          new StateChange.Assign(actor, AssigneeType.TEAM, teams.get(c.teamAssignee()), null),
          createdAt);
    }
    for (String tag : new LinkedHashSet<>(c.tags())) {
      ConversationSeeding.tag(repos, ws, id, tags.get(tag), actor, createdAt);
    }
    long last = createdAt;
    for (Seed.Part part : c.parts()) {
      long at = part.createdAt() == null ? last : part.createdAt();
      PartType type = part.type().equals("note") ? PartType.NOTE : PartType.COMMENT;
      Reply reply =
          part.admin() != null
              ? new Reply(
                  true,
                  type,
                  admins.get(part.admin()),
                  null,
                  part.body(),
                  List.of(),
                  List.of(),
                  List.of(),
                  at)
              : new Reply(
                  false,
                  PartType.COMMENT,
                  null,
                  new Reply.ContactRef(contacts.get(part.contact()), null, null),
                  part.body(),
                  List.of(),
                  List.of(),
                  List.of(),
                  at);
      ConversationSeeding.reply(repos, ws, id, reply);
      last = at;
    }
    String state = c.state() == null ? "open" : c.state();
    if (state.equals("closed")) {
      ConversationSeeding.manage(repos, ws, id, new StateChange.Close(actor, null), last);
    } else if (state.equals("snoozed")) {
      long until = c.snoozedUntil() != null ? c.snoozedUntil() : now + DEFAULT_SNOOZE_SECONDS;
      ConversationSeeding.manage(repos, ws, id, new StateChange.Snooze(actor, until), last);
    }
    return id;
  }

  private static Map<String, String> asStrings(List<String> refs, Map<String, Long> ids) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String ref : refs) {
      out.put(ref, Long.toString(ids.get(ref)));
    }
    return out;
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }
}
