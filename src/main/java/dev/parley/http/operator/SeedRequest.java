package dev.parley.http.operator;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.domain.operator.Seed;
import dev.parley.http.Wire;
import java.util.List;

/**
 * A seeding fixture as JSON: the body of {@code POST /_parley/workspaces/{name}/seed} and the file
 * of {@code serve --seed FILE} (docs/testing-with-parley.md, "Seeding a workspace"). Every list may
 * be absent; times are Unix seconds. Fields are checked by {@link Wire} (400 naming the field, e.g.
 * {@code conversations[0].parts[1].body}); refs and times by {@link
 * dev.parley.domain.operator.SeedService}.
 *
 * @param workspace the workspace's name: required by {@code serve --seed}; over HTTP absent or the
 *     path's name
 */
public record SeedRequest(
    String workspace,
    List<AdminItem> admins,
    List<TeamItem> teams,
    List<TagItem> tags,
    List<ContactItem> contacts,
    List<ConversationItem> conversations) {

  /** {@code admins[]}: {@code ref}, {@code name}, {@code email}, all required. */
  public record AdminItem(
      @Wire.Required String ref, @Wire.Required String name, @Wire.Required String email) {}

  /** {@code teams[]}: {@code ref}, {@code name} required; {@code admins}: admin refs. */
  public record TeamItem(
      @Wire.Required String ref, @Wire.Required String name, List<String> admins) {}

  /** {@code tags[]}: {@code ref}, {@code name}, both required. */
  public record TagItem(@Wire.Required String ref, @Wire.Required String name) {}

  /**
   * {@code contacts[]}: {@code ref} required; {@code role} user (default) or lead; {@code tags} tag
   * refs; {@code notes} notes about the contact.
   */
  public record ContactItem(
      @Wire.Required String ref,
      String role,
      String email,
      @JsonProperty("external_id") String externalId,
      String name,
      @JsonProperty("custom_attributes") Wire.Attributes customAttributes,
      @JsonProperty("created_at") Wire.Timestamp createdAt,
      List<String> tags,
      List<NoteItem> notes) {}

  /** {@code contacts[].notes[]}: {@code body} required; {@code admin} an admin ref. */
  public record NoteItem(
      String admin,
      @Wire.Required String body,
      @JsonProperty("created_at") Wire.Timestamp createdAt) {}

  /**
   * {@code conversations[]}: {@code ref}, {@code contact} (the first message's author, a contact
   * ref) and {@code body} required; {@code state} open (default), closed or snoozed.
   */
  public record ConversationItem(
      @Wire.Required String ref,
      @Wire.Required String contact,
      @JsonProperty("created_at") Wire.Timestamp createdAt,
      String subject,
      @Wire.Required String body,
      String state,
      @JsonProperty("snoozed_until") Wire.Timestamp snoozedUntil,
      @JsonProperty("admin_assignee") String adminAssignee,
      @JsonProperty("team_assignee") String teamAssignee,
      List<String> tags,
      List<PartItem> parts) {}

  /**
   * {@code parts[]}: {@code type} (comment or note) and {@code body} required; exactly one of
   * {@code admin} and {@code contact} (refs).
   */
  public record PartItem(
      @Wire.Required String type,
      String admin,
      String contact,
      @Wire.Required String body,
      @JsonProperty("created_at") Wire.Timestamp createdAt) {}

  /** The domain form; absent lists are empty. */
  public Seed toSeed() {
    return new Seed(
        workspace,
        each(admins, a -> new Seed.Admin(a.ref(), a.name(), a.email())),
        each(teams, t -> new Seed.Team(t.ref(), t.name(), orEmpty(t.admins()))),
        each(tags, t -> new Seed.Tag(t.ref(), t.name())),
        each(
            contacts,
            c ->
                new Seed.Contact(
                    c.ref(),
                    c.role(),
                    c.email(),
                    c.externalId(),
                    c.name(),
                    c.customAttributes() == null ? null : c.customAttributes().values(),
                    seconds(c.createdAt()),
                    orEmpty(c.tags()),
                    each(
                        c.notes(),
                        n -> new Seed.Note(n.admin(), n.body(), seconds(n.createdAt()))))),
        each(
            conversations,
            c ->
                new Seed.Conversation(
                    c.ref(),
                    c.contact(),
                    seconds(c.createdAt()),
                    c.subject(),
                    c.body(),
                    c.state(),
                    seconds(c.snoozedUntil()),
                    c.adminAssignee(),
                    c.teamAssignee(),
                    orEmpty(c.tags()),
                    each(
                        c.parts(),
                        p ->
                            new Seed.Part(
                                p.type(),
                                p.admin(),
                                p.contact(),
                                p.body(),
                                seconds(p.createdAt()))))));
  }

  private static Long seconds(Wire.Timestamp time) {
    return time == null ? null : time.seconds();
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static <A, B> List<B> each(List<A> list, java.util.function.Function<A, B> f) {
    return list == null ? List.of() : list.stream().map(f).toList();
  }
}
