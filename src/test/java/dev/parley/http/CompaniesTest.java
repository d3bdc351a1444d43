package dev.parley.http;

import static dev.parley.http.Acceptance.raw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Intercom's Companies operations against a real parley on the round's store, every response
 * validated against the 2.14 description: create or update by {@code company_id}, retrieve by id,
 * {@code company_id} and name, update, delete (an archive that detaches contacts), list, scroll,
 * attach and detach contacts, a company's contacts and segments, a contact's companies and its
 * {@code companies} list, bad input, and workspace isolation.
 */
class CompaniesTest {
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

  private static void error(ApiResponse response, int status, String code, String message) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.errorCode()).as(response.toString()).isEqualTo(code);
    if (message != null) {
      assertThat(response.json().path("errors").path(0).path("message").asText())
          .isEqualTo(message);
    }
  }

  private static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static String contact() {
    return s.contact("c-" + UUID.randomUUID() + "@companies.example");
  }

  private static JsonNode company(Api on, String companyId, String name) {
    return ok(on.post("/companies", Map.of("company_id", companyId, "name", name)));
  }

  /** A new workspace of this parley, for lists that must see only their own companies. */
  private static Api newWorkspace() {
    return newWorkspace("companies-" + unique());
  }

  private static Api newWorkspace(String name) {
    ApiResponse created =
        raw(
            parley.process(),
            ParleyProcess.OPERATOR_TOKEN,
            "POST",
            "/_parley/workspaces",
            Map.of("name", name));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    return api.withToken(created.json().path("token").asText());
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(n -> values.add(n.path(field).asText()));
    return values;
  }

  @Test
  void createOrUpdateCreatesOnceByCompanyIdAndThenUpdatesTheSameCompany() {
    String companyId = "remote-" + unique();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("company_id", companyId);
    body.put("name", "Acme");
    body.put("plan", "Pro");
    body.put("size", 85);
    body.put("website", "https://acme.example");
    body.put("industry", "Manufacturing");
    body.put("monthly_spend", 155.98);
    body.put("remote_created_at", 1374138000);
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("region", "EMEA");
    attributes.put("tier", "gold");
    attributes.put("team_mates", 9);
    attributes.put("monthly_spend", 155.5);
    attributes.put("paid_subscriber", true);
    body.put("custom_attributes", attributes);
    JsonNode created = ok(api.post("/companies", body));
    assertThat(created.path("type").asText()).isEqualTo("company");
    assertThat(created.path("id").asText()).matches("[0-9a-f]{24}");
    assertThat(created.path("company_id").asText()).isEqualTo(companyId);
    assertThat(created.path("app_id").asText()).isNotEmpty();
    assertThat(created.path("name").asText()).isEqualTo("Acme");
    assertThat(created.path("plan").path("type").asText()).isEqualTo("plan");
    assertThat(created.path("plan").path("name").asText()).isEqualTo("Pro");
    assertThat(created.path("size").asLong()).isEqualTo(85);
    assertThat(created.path("website").asText()).isEqualTo("https://acme.example");
    assertThat(created.path("industry").asText()).isEqualTo("Manufacturing");
    assertThat(created.path("monthly_spend").asLong()).isEqualTo(155); // truncated
    assertThat(created.path("remote_created_at").asLong()).isEqualTo(1374138000L);
    assertThat(created.path("created_at").asLong()).isBetween(1_700_000_000L, 10_000_000_000L);
    assertThat(created.path("user_count").asLong()).isZero();
    assertThat(created.path("session_count").asLong()).isZero();
    assertThat(created.path("tags").path("type").asText()).isEqualTo("tag.list");
    assertThat(created.path("tags").path("tags").size()).isZero();
    assertThat(created.path("segments").path("type").asText()).isEqualTo("segment.list");
    assertThat(created.path("custom_attributes").path("region").asText()).isEqualTo("EMEA");
    // the description types a company's custom attributes as strings: other values as their text
    assertThat(created.path("custom_attributes").path("team_mates").textValue()).isEqualTo("9");
    assertThat(created.path("custom_attributes").path("monthly_spend").textValue())
        .isEqualTo("155.5");
    assertThat(created.path("custom_attributes").path("paid_subscriber").textValue())
        .isEqualTo("true");
    String id = created.path("id").asText();

    // the same company_id updates that company: only the fields sent change
    JsonNode updated =
        ok(
            api.post(
                "/companies",
                Map.of(
                    "company_id",
                    companyId,
                    "name",
                    "Acme Ltd",
                    "custom_attributes",
                    Map.of("tier", "platinum"))));
    assertThat(updated.path("id").asText()).isEqualTo(id);
    assertThat(updated.path("name").asText()).isEqualTo("Acme Ltd");
    assertThat(updated.path("industry").asText()).isEqualTo("Manufacturing");
    assertThat(updated.path("custom_attributes").path("region").asText()).isEqualTo("EMEA");
    assertThat(updated.path("custom_attributes").path("tier").asText()).isEqualTo("platinum");
    assertThat(updated.path("created_at").asLong()).isEqualTo(created.path("created_at").asLong());

    assertThat(ok(api.get("/companies/" + id))).isEqualTo(updated);
    // retrieveCompany answers a company_list holding the one company, as the description says
    JsonNode byCompanyId = ok(api.get("/companies?company_id=" + companyId));
    assertThat(byCompanyId.path("type").asText()).isEqualTo("list");
    assertThat(byCompanyId.path("total_count").asInt()).isEqualTo(1);
    assertThat(byCompanyId.path("data").path(0)).isEqualTo(updated);
    assertThat(ok(api.get("/companies?name=Acme%20Ltd")).path("data").path(0).path("id").asText())
        .isEqualTo(id);

    // a company without a plan renders plan as {}
    JsonNode plain = company(api, "plain-" + unique(), "Plain");
    assertThat(plain.path("plan").isObject()).isTrue();
    assertThat(plain.path("plan").size()).isZero();
  }

  @Test
  void updateChangesTheFieldsSentAndNotTheCompanyId() {
    JsonNode created = company(api, "upd-" + unique(), "Before");
    String id = created.path("id").asText();
    JsonNode updated =
        ok(
            api.put(
                "/companies/" + id,
                Map.of(
                    "name",
                    "After",
                    "website",
                    "http://www.mycompany.com/",
                    "company_id",
                    "ignored",
                    "monthly_spend",
                    42)));
    assertThat(updated.path("name").asText()).isEqualTo("After");
    assertThat(updated.path("website").asText()).isEqualTo("http://www.mycompany.com/");
    assertThat(updated.path("monthly_spend").asLong()).isEqualTo(42);
    assertThat(updated.path("company_id").asText()).isEqualTo(created.path("company_id").asText());
    assertThat(ok(api.get("/companies/" + id)).path("name").asText()).isEqualTo("After");
    error(
        api.put("/companies/0123456789abcdef01234567", Map.of("name", "x")),
        404,
        "company_not_found",
        "Company Not Found");
  }

  @Test
  void attachDetachAndTheListsOfBothSides() {
    String contact = contact();
    String other = contact();
    JsonNode first = company(api, "att-" + unique(), "First");
    JsonNode second = company(api, "att-" + unique(), "Second");
    String a = first.path("id").asText();
    String b = second.path("id").asText();

    JsonNode attached = ok(api.post("/contacts/" + contact + "/companies", Map.of("id", a)));
    assertThat(attached.path("id").asText()).isEqualTo(a);
    assertThat(attached.path("user_count").asLong()).isEqualTo(1);
    // attaching twice changes nothing
    assertThat(
            ok(api.post("/contacts/" + contact + "/companies", Map.of("id", a)))
                .path("user_count")
                .asLong())
        .isEqualTo(1);
    ok(api.post("/contacts/" + contact + "/companies", Map.of("id", b)));
    ok(api.post("/contacts/" + other + "/companies", Map.of("id", a)));

    JsonNode mine = ok(api.get("/contacts/" + contact + "/companies"));
    assertThat(mine.path("type").asText()).isEqualTo("list");
    // attached in the same second: ordered by attachment time, then id
    assertThat(texts(mine.path("companies"), "id")).containsExactlyInAnyOrder(a, b);
    assertThat(texts(mine.path("data"), "id")).isEqualTo(texts(mine.path("companies"), "id"));
    assertThat(mine.path("total_count").asInt()).isEqualTo(2);
    // pages as the SDKs ask for them, until one comes back empty
    JsonNode secondPage = ok(api.get("/contacts/" + contact + "/companies?page=2&per_page=1"));
    assertThat(texts(secondPage.path("companies"), "id"))
        .containsExactly(mine.path("companies").path(1).path("id").asText());
    assertThat(secondPage.path("pages").path("total_pages").asInt()).isEqualTo(2);
    assertThat(secondPage.path("total_count").asInt()).isEqualTo(2);
    assertThat(
            ok(api.get("/contacts/" + contact + "/companies?page=3&per_page=1"))
                .path("companies")
                .size())
        .isZero();

    JsonNode shown = ok(api.get("/contacts/" + contact));
    assertThat(shown.path("companies").path("total_count").asInt()).isEqualTo(2);
    assertThat(shown.path("companies").path("url").asText())
        .isEqualTo("/contacts/" + contact + "/companies");
    assertThat(texts(shown.path("companies").path("data"), "id"))
        .isEqualTo(texts(mine.path("companies"), "id"));
    assertThat(shown.path("companies").path("data").path(0).path("type").asText())
        .isEqualTo("company");
    String firstShown = shown.path("companies").path("data").path(0).path("id").asText();
    assertThat(shown.path("companies").path("data").path(0).path("url").asText())
        .isEqualTo("/companies/" + firstShown);

    JsonNode members = ok(api.get("/companies/" + a + "/contacts"));
    assertThat(members.path("type").asText()).isEqualTo("list");
    assertThat(texts(members.path("data"), "id")).containsExactlyInAnyOrder(contact, other);
    assertThat(members.path("total_count").asInt()).isEqualTo(2);
    assertThat(ok(api.get("/companies/" + a)).path("user_count").asLong()).isEqualTo(2);
    JsonNode paged = ok(api.get("/companies/" + a + "/contacts?per_page=1&page=2"));
    assertThat(texts(paged.path("data"), "id"))
        .containsExactly(members.path("data").path(1).path("id").asText());
    assertThat(paged.path("pages").path("total_pages").asInt()).isEqualTo(2);

    JsonNode segments = ok(api.get("/companies/" + a + "/segments"));
    assertThat(segments.path("type").asText()).isEqualTo("list");
    assertThat(segments.path("data").size()).isZero();

    JsonNode detached = ok(api.delete("/contacts/" + contact + "/companies/" + a));
    assertThat(detached.path("id").asText()).isEqualTo(a);
    assertThat(detached.path("user_count").asLong()).isEqualTo(1);
    assertThat(texts(ok(api.get("/contacts/" + contact + "/companies")).path("companies"), "id"))
        .containsExactly(b);
    assertThat(texts(ok(api.get("/companies/" + a + "/contacts")).path("data"), "id"))
        .containsExactly(other);
    // detaching a contact that is not attached answers the company unchanged
    assertThat(
            ok(api.delete("/contacts/" + contact + "/companies/" + a)).path("user_count").asLong())
        .isEqualTo(1);
  }

  @Test
  void deleteArchivesTheCompanyDetachesItsContactsAndAnswers404Afterwards() {
    String contact = contact();
    String companyId = "del-" + unique();
    String id = company(api, companyId, "Doomed").path("id").asText();
    ok(api.post("/contacts/" + contact + "/companies", Map.of("id", id)));

    JsonNode deleted = ok(api.delete("/companies/" + id));
    assertThat(deleted.path("id").asText()).isEqualTo(id);
    assertThat(deleted.path("object").asText()).isEqualTo("company");
    assertThat(deleted.path("deleted").asBoolean()).isTrue();

    error(api.get("/companies/" + id), 404, "company_not_found", "Company Not Found");
    error(api.get("/companies?company_id=" + companyId), 404, "company_not_found", null);
    error(api.delete("/companies/" + id), 404, "company_not_found", null);
    error(api.get("/companies/" + id + "/contacts"), 404, "company_not_found", null);
    error(api.get("/companies/" + id + "/segments"), 404, "company_not_found", null);
    error(
        api.post("/contacts/" + contact + "/companies", Map.of("id", id)),
        404,
        "company_not_found",
        null);
    assertThat(ok(api.get("/contacts/" + contact + "/companies")).path("total_count").asInt())
        .isZero();
    assertThat(ok(api.get("/contacts/" + contact)).path("companies").path("total_count").asInt())
        .isZero();

    // its company_id is free again: a create-or-update makes a new company
    JsonNode again = company(api, companyId, "Reborn");
    assertThat(again.path("id").asText()).isNotEqualTo(id);
    assertThat(again.path("user_count").asLong()).isZero();
  }

  @Test
  void listPagesAndOrdersTheWorkspacesCompaniesAndScrollWalksThemAll() {
    Api own = newWorkspace();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(company(own, "list-" + i, "Company " + i).path("id").asText());
    }
    // created in the same second: the order is by created_at then id
    List<String> ascending = new ArrayList<>(ids);
    JsonNode all = ok(own.post("/companies/list?order=asc&per_page=60", Map.of()));
    assertThat(all.path("type").asText()).isEqualTo("list");
    assertThat(all.path("total_count").asInt()).isEqualTo(5);
    assertThat(texts(all.path("data"), "id")).containsExactlyInAnyOrderElementsOf(ascending);
    List<String> asc = texts(all.path("data"), "id");
    JsonNode desc = ok(own.post("/companies/list", Map.of()));
    List<String> reversed = new ArrayList<>(asc);
    java.util.Collections.reverse(reversed);
    assertThat(texts(desc.path("data"), "id")).isEqualTo(reversed);
    assertThat(desc.path("pages").path("per_page").asInt()).isEqualTo(15);

    JsonNode page2 = ok(own.post("/companies/list?order=asc&per_page=2&page=2", Map.of()));
    assertThat(texts(page2.path("data"), "id")).isEqualTo(asc.subList(2, 4));
    assertThat(page2.path("pages").path("total_pages").asInt()).isEqualTo(3);
    assertThat(page2.path("pages").path("page").asInt()).isEqualTo(2);

    JsonNode listed = ok(own.get("/companies?per_page=2&page=3"));
    assertThat(texts(listed.path("data"), "id")).isEqualTo(asc.subList(4, 5));
    assertThat(listed.path("total_count").asInt()).isEqualTo(5);
    assertThat(ok(own.get("/companies?segment_id=1")).path("data").size()).isZero();
    assertThat(ok(own.get("/companies?tag_id=1")).path("data").size()).isZero();

    JsonNode step = ok(own.get("/companies/scroll"));
    assertThat(step.path("type").asText()).isEqualTo("list");
    assertThat(texts(step.path("data"), "id")).isEqualTo(asc);
    String param = step.path("scroll_param").asText();
    assertThat(param).isNotEmpty();
    JsonNode end = ok(own.get("/companies/scroll?scroll_param=" + param));
    assertThat(end.path("data").size()).isZero();
    assertThat(end.has("scroll_param")).isFalse();

    for (String bad : List.of("order=up", "per_page=0", "per_page=61", "page=0")) {
      error(own.post("/companies/list?" + bad, Map.of()), 400, "parameter_invalid", null);
    }
    error(own.get("/companies/scroll?scroll_param=nonsense"), 400, "parameter_invalid", null);
  }

  @Test
  void badInputIsRefusedWithIntercomsErrorsAndChangesNothing() {
    error(api.post("/companies", Map.of("name", "No id")), 400, "parameter_not_found", null);
    error(api.post("/companies", Map.of("company_id", "")), 400, "parameter_invalid", null);
    error(
        api.post("/companies", Map.of("company_id", "x-" + unique(), "size", "big")),
        400,
        "parameter_invalid",
        null);
    error(
        api.post("/companies", Map.of("company_id", "x-" + unique(), "monthly_spend", "lots")),
        400,
        "parameter_invalid",
        null);
    error(
        api.post("/companies", Map.of("company_id", "x-" + unique(), "monthly_spend", 3e9)),
        400,
        "parameter_invalid",
        null);
    error(
        api.post(
            "/companies", Map.of("company_id", "x-" + unique(), "custom_attributes", List.of())),
        400,
        "parameter_invalid",
        null);
    String refused = "refused-" + unique();
    error(
        api.post("/companies", Map.of("company_id", refused, "name", 5)),
        400,
        "parameter_invalid",
        null);
    error(api.get("/companies?company_id=" + refused), 404, "company_not_found", null);

    String contact = contact();
    error(
        api.post("/contacts/" + contact + "/companies", Map.of()),
        400,
        "parameter_not_found",
        "company not specified");
    error(
        api.post("/contacts/" + contact + "/companies", Map.of("id", "123")),
        404,
        "company_not_found",
        "Company Not Found");
    String id = company(api, "bad-" + unique(), "Bad").path("id").asText();
    error(
        api.post("/contacts/0123456789abcdef01234567/companies", Map.of("id", id)),
        404,
        "not_found",
        "User Not Found");
    error(
        api.delete("/contacts/0123456789abcdef01234567/companies/" + id),
        404,
        "not_found",
        "User Not Found");
    error(
        api.delete("/contacts/" + contact + "/companies/0123456789abcdef01234567"),
        404,
        "company_not_found",
        null);
    error(
        api.get("/contacts/0123456789abcdef01234567/companies"),
        404,
        "not_found",
        "User Not Found");
    error(api.get("/companies?name=nobody-" + unique()), 404, "company_not_found", null);
  }

  @Test
  void aSnapshotRestoreKeepsCompaniesAndDropsTheLinksOfContactsItDrops() {
    String name = "companies-snap-" + unique();
    Api own = newWorkspace(name);
    Scenario sc = new Scenario(own);
    String kept = sc.contact("kept-" + unique() + "@companies.example");
    ApiResponse snapshot =
        raw(
            parley.process(),
            ParleyProcess.OPERATOR_TOKEN,
            "POST",
            "/_parley/workspaces/" + name + "/snapshots",
            Map.of("name", "before"));
    assertThat(snapshot.status()).as(snapshot.toString()).isEqualTo(200);
    String dropped = sc.contact("dropped-" + unique() + "@companies.example");
    String id = company(own, "snap-" + unique(), "Survivor").path("id").asText();
    ok(own.post("/contacts/" + kept + "/companies", Map.of("id", id)));
    ok(own.post("/contacts/" + dropped + "/companies", Map.of("id", id)));

    ApiResponse restored =
        raw(
            parley.process(),
            ParleyProcess.OPERATOR_TOKEN,
            "POST",
            "/_parley/workspaces/" + name + "/snapshots/before/restore",
            Map.of());
    assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
    assertThat(ok(own.get("/companies/" + id)).path("user_count").asLong()).isEqualTo(1);
    assertThat(texts(ok(own.get("/companies/" + id + "/contacts")).path("data"), "id"))
        .containsExactly(kept);
  }

  @Test
  void anotherWorkspacesCompaniesAreNotFound() {
    String contact = contact();
    String companyId = "iso-" + unique();
    String id = company(api, companyId, "Isolated").path("id").asText();
    ok(api.post("/contacts/" + contact + "/companies", Map.of("id", id)));
    Api other = newWorkspace();
    error(other.get("/companies/" + id), 404, "company_not_found", null);
    error(other.get("/companies?company_id=" + companyId), 404, "company_not_found", null);
    error(other.put("/companies/" + id, Map.of("name", "x")), 404, "company_not_found", null);
    error(other.delete("/companies/" + id), 404, "company_not_found", null);
    error(other.get("/companies/" + id + "/contacts"), 404, "company_not_found", null);
    error(other.get("/contacts/" + contact + "/companies"), 404, "not_found", "User Not Found");
    assertThat(ok(other.post("/companies/list", Map.of())).path("total_count").asInt()).isZero();
    // the same company_id in another workspace is another company
    assertThat(company(other, companyId, "Theirs").path("id").asText()).isNotEqualTo(id);
    assertThat(ok(api.get("/companies/" + id)).path("name").asText()).isEqualTo("Isolated");
  }
}
