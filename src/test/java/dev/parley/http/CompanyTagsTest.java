package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tags on companies (issue 15): the "tag companies" and "untag companies" forms of Intercom's
 * {@code createTag} ({@code POST /tags} with {@code companies}), a company's {@code tags} ({@code
 * {type: "tag.list", tags: [tag_basic]}}), and what removes the links: untagging, deleting the tag,
 * never archiving the company. Every answer is checked against the 2.14 description by {@link Api}.
 */
class CompanyTagsTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;
  static Scenario s;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    s = new Scenario(api);
  }

  private static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  /** A new company; answers it as created. */
  private static JsonNode company() {
    String companyId = "ctag-" + UUID.randomUUID();
    return ok(api.post("/companies", Map.of("company_id", companyId, "name", "Co " + companyId)));
  }

  private static List<String> tagNames(JsonNode company) {
    assertThat(company.path("tags").path("type").asText()).isEqualTo("tag.list");
    List<String> names = new ArrayList<>();
    company
        .path("tags")
        .path("tags")
        .forEach(
            t -> {
              assertThat(t.path("type").asText()).isEqualTo("tag");
              names.add(t.path("name").asText());
            });
    return names;
  }

  /** {@code POST /tags} naming {@code name} with these company items; answers the tag (200). */
  @SafeVarargs
  private static JsonNode tag(String name, Map<String, ?>... companies) {
    return ok(api.post("/tags", Map.of("name", name, "companies", List.of(companies))));
  }

  /** A company item of {@code POST /tags} naming the company by its id. */
  private static Map<String, String> byId(JsonNode company) {
    return Map.of("id", company.path("id").asText());
  }

  private static JsonNode get(JsonNode company) {
    return ok(api.get("/companies/" + company.path("id").asText()));
  }

  @Test
  void tagsCompaniesByIdOrCompanyIdCreatingTheTagAndShowsThemOnTheCompany() {
    JsonNode a = company();
    JsonNode b = company();
    String name = "Independent " + UUID.randomUUID();
    JsonNode tag = tag(name, byId(a), Map.of("company_id", b.path("company_id").asText()));
    assertThat(tag.path("type").asText()).isEqualTo("tag");
    assertThat(tag.path("name").asText()).isEqualTo(name);
    String tagId = tag.path("id").asText();
    assertThat(ok(api.get("/tags/" + tagId)).path("name").asText()).isEqualTo(name);

    JsonNode shownA = get(a);
    assertThat(tagNames(shownA)).containsExactly(name);
    assertThat(shownA.path("tags").path("tags").path(0).path("id").asText()).isEqualTo(tagId);
    assertThat(shownA.path("tags").path("tags").path(0).size()).isEqualTo(3);
    assertThat(tagNames(get(b))).containsExactly(name);

    // Tagging again (another case of the name) changes nothing and answers the same tag.
    JsonNode again = tag(name.toUpperCase(java.util.Locale.ROOT), byId(a));
    assertThat(again.path("id").asText()).isEqualTo(tagId);
    assertThat(tagNames(get(a))).containsExactly(name);

    // A second tag is listed after the first (tag id order), in lists and scrolls too.
    String second = "Second " + UUID.randomUUID();
    tag(second, byId(a));
    assertThat(tagNames(get(a))).containsExactly(name, second);
    JsonNode found =
        ok(api.get("/companies?company_id=" + a.path("company_id").asText())).path("data").path(0);
    assertThat(tagNames(found)).containsExactly(name, second);
  }

  @Test
  void untagRemovesTheTagFromTheCompaniesSentWithUntagTrue() {
    JsonNode a = company();
    JsonNode b = company();
    String name = "Untag " + UUID.randomUUID();
    String tagId = tag(name, byId(a), byId(b)).path("id").asText();
    // untag as a boolean, and as the string the description's example writes
    JsonNode untagged = tag(name, Map.of("id", a.path("id").asText(), "untag", true));
    assertThat(untagged.path("id").asText()).isEqualTo(tagId);
    assertThat(tagNames(get(a))).isEmpty();
    assertThat(tagNames(get(b))).containsExactly(name);
    tag(name, Map.of("company_id", b.path("company_id").asText(), "untag", "true"));
    assertThat(tagNames(get(b))).isEmpty();
    // untagging a company that does not have it changes nothing; the tag stays
    tag(name, Map.of("id", a.path("id").asText(), "untag", true));
    assertThat(ok(api.get("/tags/" + tagId)).path("name").asText()).isEqualTo(name);
    try (TestDatabase db = TestDatabase.of(parley.process())) {
      assertThat(
              db.number(
                  "SELECT COUNT(*) FROM company_tags WHERE tag_id = ?", Long.parseLong(tagId)))
          .isZero();
    }
  }

  @Test
  void usersAndCompaniesInOneBodyAreTaggedTogether() {
    JsonNode c = company();
    String contact = s.contact("ctag-" + UUID.randomUUID() + "@example.com");
    String name = "Both " + UUID.randomUUID();
    ok(
        api.post(
            "/tags",
            Map.of(
                "name",
                name,
                "users",
                List.of(Map.of("id", contact)),
                "companies",
                List.of(Map.of("id", c.path("id").asText())))));
    assertThat(tagNames(get(c))).containsExactly(name);
    List<String> contactTags = new ArrayList<>();
    ok(api.get("/contacts/" + contact + "/tags"))
        .path("data")
        .forEach(t -> contactTags.add(t.path("name").asText()));
    assertThat(contactTags).containsExactly(name);
  }

  @Test
  void unknownCompaniesAnswer404CompanyNotFoundAndNothingChanges() {
    JsonNode c = company();
    String name = "Never " + UUID.randomUUID();
    for (Map<String, Object> unknown :
        List.<Map<String, Object>>of(
            Map.of("id", "0123456789abcdef01234567"), Map.of("company_id", "no-such-company"))) {
      ApiResponse response =
          api.post(
              "/tags",
              Map.of(
                  "name",
                  name,
                  "companies",
                  List.of(Map.of("id", c.path("id").asText()), unknown)));
      assertThat(response.status()).as(response.toString()).isEqualTo(404);
      assertThat(response.errorCode()).isEqualTo("company_not_found");
      assertThat(response.json().path("errors").path(0).path("message").asText())
          .isEqualTo("Company Not Found");
    }
    assertThat(tagNames(get(c))).isEmpty();
    List<String> names = new ArrayList<>();
    ok(api.get("/tags")).path("data").forEach(t -> names.add(t.path("name").asText()));
    assertThat(names).doesNotContain(name);

    // an archived company is unknown too
    JsonNode archived = company();
    ok(api.delete("/companies/" + archived.path("id").asText()));
    ApiResponse gone =
        api.post(
            "/tags",
            Map.of("name", name, "companies", List.of(Map.of("id", archived.path("id").asText()))));
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.errorCode()).isEqualTo("company_not_found");

    // an unknown user sent beside a company: 404 User Not Found, the company untouched
    ApiResponse user =
        api.post(
            "/tags",
            Map.of(
                "name",
                name,
                "users",
                List.of(Map.of("id", "0123456789abcdef01234567")),
                "companies",
                List.of(Map.of("id", c.path("id").asText()))));
    assertThat(user.status()).isEqualTo(404);
    assertThat(user.json().path("errors").path(0).path("message").asText())
        .isEqualTo("User Not Found");
    assertThat(tagNames(get(c))).isEmpty();
  }

  @Test
  void badCompanyItemsAnswer400AndUntaggingAnUnknownTagAnswers404() {
    JsonNode c = company();
    ApiResponse missing =
        api.post("/tags", Map.of("name", "x " + UUID.randomUUID(), "companies", List.of(Map.of())));
    assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
    assertThat(missing.errorCode()).isEqualTo("parameter_not_found");
    ApiResponse badUntag =
        api.post(
            "/tags",
            Map.of(
                "name",
                "x " + UUID.randomUUID(),
                "companies",
                List.of(Map.of("id", c.path("id").asText(), "untag", "maybe"))));
    assertThat(badUntag.status()).as(badUntag.toString()).isEqualTo(400);
    assertThat(badUntag.errorCode()).isEqualTo("parameter_invalid");
    ApiResponse notAList =
        api.post("/tags", Map.of("name", "x " + UUID.randomUUID(), "companies", "all"));
    assertThat(notAList.status()).as(notAList.toString()).isEqualTo(400);
    String name = "Nobody has " + UUID.randomUUID();
    ApiResponse unknownTag =
        api.post(
            "/tags",
            Map.of(
                "name",
                name,
                "companies",
                List.of(Map.of("id", c.path("id").asText(), "untag", true))));
    assertThat(unknownTag.status()).as(unknownTag.toString()).isEqualTo(404);
    assertThat(unknownTag.errorCode()).isEqualTo("not_found");
    List<String> names = new ArrayList<>();
    ok(api.get("/tags")).path("data").forEach(t -> names.add(t.path("name").asText()));
    assertThat(names).doesNotContain(name);
    assertThat(tagNames(get(c))).isEmpty();
  }

  @Test
  void deletingTheTagRemovesItFromCompaniesAndArchivingACompanyKeepsItsLinks() {
    JsonNode kept = company();
    JsonNode archived = company();
    String name = "Doomed " + UUID.randomUUID();
    String other = "Other " + UUID.randomUUID();
    String tagId = tag(name, byId(kept), byId(archived)).path("id").asText();
    String otherId = tag(other, byId(kept), byId(archived)).path("id").asText();
    ok(api.delete("/companies/" + archived.path("id").asText()));
    try (TestDatabase db = TestDatabase.of(parley.process())) {
      assertThat(
              db.number(
                  "SELECT COUNT(*) FROM company_tags WHERE company_id = ?",
                  archived.path("id").asText()))
          .as("an archived company keeps its tag links, as it keeps its row")
          .isEqualTo(2);
    }
    assertThat(api.delete("/tags/" + tagId).status()).isEqualTo(200);
    assertThat(tagNames(get(kept))).containsExactly(other);
    try (TestDatabase db = TestDatabase.of(parley.process())) {
      assertThat(
              db.number(
                  "SELECT COUNT(*) FROM company_tags WHERE tag_id = ?", Long.parseLong(tagId)))
          .isZero();
      assertThat(
              db.number(
                  "SELECT COUNT(*) FROM company_tags WHERE tag_id = ?", Long.parseLong(otherId)))
          .isEqualTo(2);
    }
  }

  @Test
  void retrieveCompaniesWithTagIdListsTheLiveCompaniesThatHaveTheTag() {
    JsonNode first = company();
    JsonNode second = company();
    JsonNode untagged = company();
    JsonNode archived = company();
    String name = "Filter " + UUID.randomUUID();
    String tagId = tag(name, byId(second), byId(first), byId(archived)).path("id").asText();
    ok(api.delete("/companies/" + archived.path("id").asText()));
    JsonNode listed = ok(api.get("/companies?tag_id=" + tagId));
    assertThat(listed.path("type").asText()).isEqualTo("list");
    assertThat(listed.path("total_count").asLong()).isEqualTo(2);
    List<String> ids = new ArrayList<>();
    listed.path("data").forEach(c -> ids.add(c.path("id").asText()));
    assertThat(ids)
        .as("no archived or untagged company")
        .containsExactlyInAnyOrder(first.path("id").asText(), second.path("id").asText())
        .doesNotContain(untagged.path("id").asText());
    // oldest first: by created_at, then id (both were likely created in the same second)
    JsonNode a = listed.path("data").path(0);
    JsonNode b = listed.path("data").path(1);
    assertThat(
            a.path("created_at").asLong() < b.path("created_at").asLong()
                || (a.path("created_at").asLong() == b.path("created_at").asLong()
                    && a.path("id").asText().compareTo(b.path("id").asText()) < 0))
        .as("ordered by created_at, then id: %s", ids)
        .isTrue();
    JsonNode paged = ok(api.get("/companies?tag_id=" + tagId + "&per_page=1&page=2"));
    assertThat(paged.path("data").size()).isEqualTo(1);
    assertThat(paged.path("data").path(0).path("id").asText()).isEqualTo(ids.get(1));
    for (String unknown : List.of("999999999", "abc")) {
      JsonNode none = ok(api.get("/companies?tag_id=" + unknown));
      assertThat(none.path("data").size()).isZero();
      assertThat(none.path("total_count").asLong()).isZero();
    }
  }

  @Test
  void aSnapshotRestoreKeepsTheCompanysTagsItBringsBackAndDropsTheOthers() {
    // Companies are not in snapshots: the company stays, with the links to tags the restore keeps.
    Api operator = api.withToken(dev.parley.testing.ParleyProcess.OPERATOR_TOKEN);
    JsonNode created = ok(operator.post("/_parley/workspaces", Map.of("name", "ctags-snap")));
    Api ws = api.withToken(created.path("token").asText());
    String companyId = "snap-" + UUID.randomUUID();
    JsonNode c = ok(ws.post("/companies", Map.of("company_id", companyId)));
    String id = c.path("id").asText();
    ok(ws.post("/tags", Map.of("name", "Before", "companies", List.of(Map.of("id", id)))));
    ApiResponse saved =
        operator.post("/_parley/workspaces/ctags-snap/snapshots", Map.of("name", "before"));
    assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
    ok(ws.post("/tags", Map.of("name", "After", "companies", List.of(Map.of("id", id)))));
    assertThat(tagNames(ok(ws.get("/companies/" + id)))).containsExactly("Before", "After");
    ApiResponse restored =
        operator.post("/_parley/workspaces/ctags-snap/snapshots/before/restore", Map.of());
    assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
    assertThat(tagNames(ok(ws.get("/companies/" + id)))).containsExactly("Before");
  }

  @Test
  void companiesOfAnotherWorkspaceAnswer404() {
    assertThat(parley.process().cli("workspace", "create", "ctags-other").exitCode()).isZero();
    assertThat(
            parley
                .process()
                .cli(
                    "admin",
                    "create",
                    "--workspace",
                    "ctags-other",
                    "--name",
                    "T",
                    "--email",
                    "t@example.com")
                .exitCode())
        .isZero();
    Api other = api.withToken(parley.process().createToken("ctags-other", "read,write"));
    JsonNode mine = company();
    ApiResponse response =
        other.post(
            "/tags",
            Map.of(
                "name",
                "Theirs " + UUID.randomUUID(),
                "companies",
                List.of(Map.of("id", mine.path("id").asText()))));
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("company_not_found");
    assertThat(tagNames(get(mine))).isEmpty();
  }
}
