package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Intercom's data attribute operations against a real parley ({@code lisDataAttributes}, {@code
 * createDataAttribute}, {@code updateDataAttribute}), and the type checks of declared custom
 * attributes on contact and conversation writes. Every answer is validated against the 2.14
 * description by the test client.
 */
class DataAttributesTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;
  static Scenario s;
  static Api readOnly;
  static Api otherWorkspace;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    s = new Scenario(api);
    readOnly = api.withToken(parley.process().createToken("default", "read"));
    assertThat(parley.process().cli("workspace", "create", "other-da").exitCode()).isZero();
    assertThat(
            parley
                .process()
                .cli(
                    "admin",
                    "create",
                    "--workspace",
                    "other-da",
                    "--name",
                    "O",
                    "--email",
                    "o-da@example.com")
                .exitCode())
        .isZero();
    otherWorkspace = api.withToken(parley.process().createToken("other-da", "read,write"));
  }

  private static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  private static JsonNode create(Map<String, Object> body) {
    ApiResponse created = api.post("/data_attributes", body);
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    return created.json();
  }

  private static JsonNode create(String name, String model, String dataType) {
    return create(Map.of("name", name, "model", model, "data_type", dataType));
  }

  private static List<String> names(ApiResponse list) {
    assertThat(list.status()).as(list.toString()).isEqualTo(200);
    assertThat(list.json().path("type").asText()).isEqualTo("list");
    List<String> names = new ArrayList<>();
    list.json().path("data").forEach(a -> names.add(a.path("full_name").asText()));
    return names;
  }

  private static void assertInvalid(ApiResponse r, String field, String message) {
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    JsonNode error = r.json().path("errors").get(0);
    assertThat(error.path("code").asText()).isEqualTo("parameter_invalid");
    assertThat(error.path("message").asText()).contains(message);
    if (field != null) {
      assertThat(error.path("field").asText()).isEqualTo(field);
    }
  }

  @Test
  void createAnswersTheCustomAttributeAndListsItAfterTheBuiltInOnes() {
    String name = unique("Mithril Shirt ");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("model", "company");
    body.put("data_type", "string");
    body.put("description", "A shirt");
    body.put("messenger_writable", true);
    JsonNode a = create(body);
    assertThat(a.path("type").asText()).isEqualTo("data_attribute");
    assertThat(a.path("id").isIntegralNumber()).isTrue();
    assertThat(a.path("name").asText()).isEqualTo(name);
    assertThat(a.path("full_name").asText()).isEqualTo("custom_attributes." + name);
    assertThat(a.path("label").asText()).isEqualTo(name);
    assertThat(a.path("description").asText()).isEqualTo("A shirt");
    assertThat(a.path("data_type").asText()).isEqualTo("string");
    assertThat(a.path("model").asText()).isEqualTo("company");
    assertThat(a.path("custom").asBoolean()).isTrue();
    assertThat(a.path("archived").asBoolean()).isFalse();
    assertThat(a.path("api_writable").asBoolean()).isTrue();
    assertThat(a.path("messenger_writable").asBoolean()).isTrue();
    assertThat(a.path("admin_id").asText()).isEqualTo(s.adminId());
    assertThat(a.path("created_at").asLong()).isPositive();
    assertThat(a.path("updated_at").asLong()).isEqualTo(a.path("created_at").asLong());
    assertThat(a.has("options")).isFalse();

    List<String> company = names(api.get("/data_attributes?model=company"));
    assertThat(company)
        .startsWith("name", "company_id")
        .contains("plan.name", "monthly_spend", "custom_attributes." + name);
    assertThat(company.indexOf("custom_attributes." + name)).isGreaterThan(company.indexOf("id"));
    assertThat(names(api.get("/data_attributes?model=contact")))
        .contains("email", "external_id", "name")
        .doesNotContain("custom_attributes." + name, "plan.name");
    List<String> all = names(api.get("/data_attributes"));
    assertThat(all).contains("email", "plan.name", "state", "custom_attributes." + name);
    JsonNode builtIn = api.get("/data_attributes?model=contact").json().path("data").get(0);
    assertThat(builtIn.path("custom").asBoolean()).isFalse();
    assertThat(builtIn.has("id")).isFalse();
  }

  @Test
  void conversationAttributesAreListedWithTheirModel() {
    ApiResponse list = api.get("/data_attributes?model=conversation");
    assertThat(names(list)).contains("title", "state", "priority", "created_at");
    list.json()
        .path("data")
        .forEach(a -> assertThat(a.path("model").asText()).isEqualTo("conversation"));
    String name = unique("conv_reason_");
    JsonNode a = create(name, "conversation", "string");
    assertThat(a.path("model").asText()).isEqualTo("conversation");
    assertThat(names(api.get("/data_attributes?model=conversation")))
        .contains("custom_attributes." + name);
  }

  @Test
  void aListAttributeIsAStringWithItsOptionsAndNeedsTwoOfThem() {
    String name = unique("size_band_");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("model", "contact");
    body.put("data_type", "options");
    body.put("options", List.of(Map.of("value", "1-10"), Map.of("value", "11-50")));
    JsonNode a = create(body);
    assertThat(a.path("data_type").asText()).isEqualTo("string");
    assertThat(a.path("options").toString()).isEqualTo("[\"1-10\",\"11-50\"]");

    body.put("name", unique("one_option_"));
    body.put("options", List.of(Map.of("value", "1-10")));
    assertInvalid(api.post("/data_attributes", body), "options", "at least two options");

    String contact = s.contact(unique("opt-") + "@example.com");
    assertInvalid(
        api.put("/contacts/" + contact, Map.of("custom_attributes", Map.of(name, "51-100"))),
        "custom_attributes." + name,
        name);
    ApiResponse ok =
        api.put("/contacts/" + contact, Map.of("custom_attributes", Map.of(name, "11-50")));
    assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    assertThat(ok.json().path("custom_attributes").path(name).asText()).isEqualTo("11-50");

    ApiResponse updated =
        api.put(
            "/data_attributes/" + a.path("id").asLong(),
            Map.of("options", List.of(Map.of("value", "a"), Map.of("value", "b"))));
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    assertThat(updated.json().path("options").toString()).isEqualTo("[\"a\",\"b\"]");
  }

  @Test
  void createRefusesBadModelsTypesNamesAndNamesThatAreTaken() {
    assertInvalid(
        api.post(
            "/data_attributes", Map.of("name", "x1", "model", "ticket", "data_type", "string")),
        "model",
        "must be either contact or company");
    assertInvalid(
        api.post(
            "/data_attributes",
            Map.of("name", "The Second Ring", "model", "company", "data_type", "mithril")),
        "data_type",
        "Data Type isn't an option");
    assertInvalid(
        api.post(
            "/data_attributes",
            Map.of("name", "!nv@l!d n@me", "model", "company", "data_type", "string")),
        "name",
        "alphanumeric");
    assertInvalid(
        api.post(
            "/data_attributes", Map.of("name", "email", "model", "contact", "data_type", "string")),
        "name",
        "standard attributes");
    String name = unique("The One Ring ");
    create(name, "company", "string");
    assertInvalid(
        api.post(
            "/data_attributes", Map.of("name", name, "model", "contact", "data_type", "integer")),
        "name",
        "You already have '" + name + "' in your company data. To save this as new people data");
    ApiResponse missing = api.post("/data_attributes", Map.of("name", "n", "model", "contact"));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.errorCode()).isEqualTo("parameter_not_found");
    ApiResponse forbidden =
        readOnly.post(
            "/data_attributes",
            Map.of("name", unique("ro"), "model", "contact", "data_type", "string"));
    assertThat(forbidden.status()).isEqualTo(403);
  }

  @Test
  void updateArchivesDescribesAndAnswers404ForUnknownIds() {
    String name = unique("archivable_");
    JsonNode a = create(name, "contact", "boolean");
    long id = a.path("id").asLong();
    Map<String, Object> change = new HashMap<>();
    change.put("archived", true);
    change.put("description", "No longer used");
    change.put("messenger_writable", true);
    ApiResponse updated = api.put("/data_attributes/" + id, change);
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    JsonNode u = updated.json();
    assertThat(u.path("archived").asBoolean()).isTrue();
    assertThat(u.path("description").asText()).isEqualTo("No longer used");
    assertThat(u.path("messenger_writable").asBoolean()).isTrue();
    assertThat(u.path("data_type").asText()).isEqualTo("boolean");
    assertThat(u.path("name").asText()).isEqualTo(name);
    assertThat(names(api.get("/data_attributes?model=contact")))
        .doesNotContain("custom_attributes." + name);
    assertThat(names(api.get("/data_attributes?model=contact&include_archived=true")))
        .contains("custom_attributes." + name);
    // an archived attribute no longer checks values
    String contact =
        s.contact(
            Map.of(
                "email",
                unique("arch-") + "@example.com",
                "custom_attributes",
                Map.of(name, "text")));
    assertThat(api.get("/contacts/" + contact).json().path("custom_attributes").path(name).asText())
        .isEqualTo("text");

    for (String unknown : List.of("999999999", "abc")) {
      ApiResponse r = api.put("/data_attributes/" + unknown, Map.of("archived", true));
      assertThat(r.status()).as(r.toString()).isEqualTo(404);
      assertThat(r.errorCode()).isEqualTo("field_not_found");
    }
    assertInvalid(
        api.put(
            "/data_attributes/" + id,
            Map.of("options", List.of(Map.of("value", "a"), Map.of("value", "b")))),
        "options",
        "list attributes only");
    assertThat(otherWorkspace.put("/data_attributes/" + id, Map.of("archived", false)).status())
        .isEqualTo(404);
    assertInvalid(api.get("/data_attributes?model=ticket"), "model", "model");
  }

  @Test
  void aValueOfTheWrongTypeForADeclaredContactAttributeIsRefusedNamingIt() {
    String seats = unique("seats_");
    String paid = unique("paid_");
    String spend = unique("spend_");
    String renewal = unique("renewal_");
    create(seats, "contact", "integer");
    create(paid, "contact", "boolean");
    create(spend, "contact", "float");
    create(renewal, "contact", "date");
    String email = unique("typed-") + "@example.com";
    assertInvalid(
        api.post("/contacts", Map.of("email", email, "custom_attributes", Map.of(seats, "three"))),
        "custom_attributes." + seats,
        "Custom attribute '" + seats + "' must be an integer");
    assertThat(
            api.post(
                    "/contacts/search",
                    Map.of("query", Map.of("field", "email", "operator", "=", "value", email)))
                .json()
                .path("total_count")
                .asInt())
        .as("nothing was created")
        .isZero();
    Map<String, Object> good = new LinkedHashMap<>();
    good.put(seats, 3);
    good.put(paid, true);
    good.put(spend, 155.5);
    good.put(renewal, 1_700_000_000L);
    good.put("undeclared_" + seats, "anything");
    String contact = s.contact(Map.of("email", email, "custom_attributes", good));
    JsonNode stored = api.get("/contacts/" + contact).json().path("custom_attributes");
    assertThat(stored.path(seats).asInt()).isEqualTo(3);
    assertThat(stored.path(paid).asBoolean()).isTrue();
    assertThat(stored.path(spend).asDouble()).isEqualTo(155.5);
    assertThat(stored.path("undeclared_" + seats).asText()).isEqualTo("anything");

    assertInvalid(
        api.put("/contacts/" + contact, Map.of("custom_attributes", Map.of(paid, "yes"))),
        "custom_attributes." + paid,
        "must be a boolean");
    assertInvalid(
        api.put("/contacts/" + contact, Map.of("custom_attributes", Map.of(seats, 2.5))),
        "custom_attributes." + seats,
        "must be an integer");
    assertInvalid(
        api.put("/contacts/" + contact, Map.of("custom_attributes", Map.of(renewal, "2024-01-01"))),
        "custom_attributes." + renewal,
        "must be a date");
    assertInvalid(
        api.put("/contacts/" + contact, Map.of("custom_attributes", Map.of(spend, "cheap"))),
        "custom_attributes." + spend,
        "must be a number");
    Map<String, Object> removal = new HashMap<>();
    removal.put(seats, null);
    removal.put(spend, 10);
    ApiResponse ok = api.put("/contacts/" + contact, Map.of("custom_attributes", removal));
    assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    assertThat(ok.json().path("custom_attributes").has(seats)).isFalse();
    assertThat(ok.json().path("custom_attributes").path(spend).asInt()).isEqualTo(10);
    assertThat(ok.json().path("custom_attributes").path(paid).asBoolean()).isTrue();

    // another workspace's contacts are not checked against this workspace's attributes
    ApiResponse other =
        otherWorkspace.post(
            "/contacts",
            Map.of(
                "email",
                unique("o-") + "@example.com",
                "custom_attributes",
                Map.of(seats, "three")));
    assertThat(other.status()).as(other.toString()).isEqualTo(200);
    assertThat(names(otherWorkspace.get("/data_attributes")))
        .doesNotContain("custom_attributes." + seats);
  }

  @Test
  void aValueOfTheWrongTypeForADeclaredConversationAttributeIsRefusedNamingIt() {
    String level = unique("level_");
    create(level, "conversation", "integer");
    String contact = s.contact(unique("conv-") + "@example.com");
    String conversation = s.conversation(contact, "Hello");
    assertInvalid(
        api.put(
            "/conversations/" + conversation, Map.of("custom_attributes", Map.of(level, "high"))),
        "custom_attributes." + level,
        "Custom attribute '" + level + "' must be an integer");
    ApiResponse ok =
        api.put(
            "/conversations/" + conversation,
            Map.of("custom_attributes", Map.of(level, 2, "free_text", "kept")));
    assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    assertThat(ok.json().path("custom_attributes").path(level).asInt()).isEqualTo(2);
    assertThat(ok.json().path("custom_attributes").path("free_text").asText()).isEqualTo("kept");
    // a contact attribute of the same kind does not apply to conversations
    String contactOnly = unique("contact_only_");
    create(contactOnly, "contact", "integer");
    assertThat(
            api.put(
                    "/conversations/" + conversation,
                    Map.of("custom_attributes", Map.of(contactOnly, "text")))
                .status())
        .isEqualTo(200);
  }

  @Test
  void aValueOfTheWrongTypeForADeclaredCompanyAttributeIsRefusedNamingIt() {
    String seats = unique("company_seats_");
    create(seats, "company", "integer");
    String companyId = unique("typed-co-");
    assertInvalid(
        api.post(
            "/companies",
            Map.of("company_id", companyId, "custom_attributes", Map.of(seats, "many"))),
        "custom_attributes." + seats,
        "Custom attribute '" + seats + "' must be an integer");
    assertThat(api.get("/companies?company_id=" + companyId).status())
        .as("nothing was created")
        .isEqualTo(404);
    ApiResponse created =
        api.post(
            "/companies",
            Map.of(
                "company_id",
                companyId,
                "custom_attributes",
                Map.of(seats, 40, "undeclared_" + seats, "free")));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    String id = created.json().path("id").asText();
    assertThat(created.json().path("custom_attributes").path(seats).asInt()).isEqualTo(40);
    assertInvalid(
        api.put("/companies/" + id, Map.of("custom_attributes", Map.of(seats, true))),
        "custom_attributes." + seats,
        "must be an integer, not a boolean");
    assertInvalid(
        api.post(
            "/companies", Map.of("company_id", companyId, "custom_attributes", Map.of(seats, 1.5))),
        "custom_attributes." + seats,
        "must be an integer");
    JsonNode kept = api.get("/companies/" + id).json().path("custom_attributes");
    assertThat(kept.path(seats).asInt()).as("the refused updates changed nothing").isEqualTo(40);
    assertThat(kept.path("undeclared_" + seats).asText()).isEqualTo("free");
    // a contact attribute of the same name does not apply to companies
    String contactOnly = unique("contact_seats_");
    create(contactOnly, "contact", "integer");
    ApiResponse ok =
        api.put("/companies/" + id, Map.of("custom_attributes", Map.of(contactOnly, "text")));
    assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    assertThat(ok.json().path("custom_attributes").path(contactOnly).asText()).isEqualTo("text");
  }
}
