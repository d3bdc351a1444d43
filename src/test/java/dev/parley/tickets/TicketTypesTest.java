package dev.parley.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ticket types, ticket type attributes and ticket states (Intercom 2.14: {@code listTicketTypes},
 * {@code createTicketType}, {@code getTicketType}, {@code updateTicketType}, {@code
 * createTicketTypeAttribute}, {@code updateTicketTypeAttribute}, {@code listTicketStates}) on a
 * real parley process; every answer is validated against the description by {@link Api}.
 */
class TicketTypesTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;

  @BeforeAll
  static void setUp() {
    api = parley.api();
  }

  static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  static void assertError(ApiResponse response, int status, String code, String message) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.errorCode()).isEqualTo(code);
    if (message != null) {
      assertThat(response.json().path("errors").path(0).path("message").asText())
          .isEqualTo(message);
    }
  }

  static String unique(String name) {
    return name + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  static JsonNode createType(String name) {
    return ok(
        api.post(
            "/ticket_types",
            Map.of("name", name, "description", "Bug Report Template", "category", "Back-office")));
  }

  static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asText()));
    return out;
  }

  @Test
  void aNewTicketTypeHasTheBuiltInAttributesAndTheFourDefaultStates() {
    String name = unique("Bug Report");
    JsonNode t = createType(name);
    assertThat(t.get("type").asText()).isEqualTo("ticket_type");
    assertThat(t.get("id").asText()).matches("[1-9][0-9]*");
    assertThat(t.get("name").asText()).isEqualTo(name);
    assertThat(t.get("description").asText()).isEqualTo("Bug Report Template");
    assertThat(t.get("category").asText()).isEqualTo("Back-office");
    assertThat(t.get("icon").asText()).isEqualTo("\uD83C\uDF9F\uFE0F");
    assertThat(t.get("archived").asBoolean()).isFalse();
    assertThat(t.get("is_internal").asBoolean()).isFalse();
    assertThat(t.get("workspace_id").asText()).isNotBlank();
    assertThat(t.get("updated_at").asLong()).isEqualTo(t.get("created_at").asLong());

    JsonNode attributes = t.get("ticket_type_attributes");
    assertThat(attributes.get("type").asText()).isEqualTo("list");
    assertThat(texts(attributes.get("data"), "name"))
        .containsExactly("_default_title_", "_default_description_");
    JsonNode title = attributes.get("data").get(0);
    assertThat(title.get("default").asBoolean()).isTrue();
    assertThat(title.get("data_type").asText()).isEqualTo("string");
    assertThat(title.get("input_options").get("multiline").asBoolean()).isFalse();
    assertThat(title.get("ticket_type_id").asLong()).isEqualTo(t.get("id").asLong());
    assertThat(attributes.get("data").get(1).get("input_options").get("multiline").asBoolean())
        .isTrue();

    JsonNode states = t.get("ticket_states").get("data");
    assertThat(texts(states, "category"))
        .containsExactly("submitted", "in_progress", "waiting_on_customer", "resolved");
    assertThat(texts(states, "external_label"))
        .containsExactly("Submitted", "In progress", "Waiting on you", "Resolved");

    assertThat(ok(api.get("/ticket_types/" + t.get("id").asText()))).isEqualTo(t);
    JsonNode listed = ok(api.get("/ticket_types"));
    assertThat(listed.get("type").asText()).isEqualTo("list");
    assertThat(texts(listed.get("data"), "id")).contains(t.get("id").asText());
  }

  @Test
  void updatingChangesOnlyTheFieldsSentAndArchivingKeepsTheTypeListed() {
    JsonNode t = createType(unique("Refund"));
    String id = t.get("id").asText();
    String renamed = unique("Refund request");
    JsonNode u =
        ok(api.put("/ticket_types/" + id, Map.of("name", renamed, "icon", "\uD83D\uDC1E")));
    assertThat(u.get("name").asText()).isEqualTo(renamed);
    assertThat(u.get("icon").asText()).isEqualTo("\uD83D\uDC1E");
    assertThat(u.get("description").asText()).isEqualTo("Bug Report Template");
    assertThat(u.get("category").asText()).isEqualTo("Back-office");

    JsonNode archived = ok(api.put("/ticket_types/" + id, Map.of("archived", true)));
    assertThat(archived.get("archived").asBoolean()).isTrue();
    assertThat(ok(api.get("/ticket_types/" + id)).get("archived").asBoolean()).isTrue();
    JsonNode states = ok(api.get("/ticket_states"));
    for (JsonNode state : states.get("data")) {
      assertThat(texts(state.get("ticket_types").get("data"), "id"))
          .as("an archived type is in no state's list")
          .doesNotContain(id);
    }
  }

  @Test
  void attributesAreTypedOrderedAndUpdatable() {
    JsonNode t = createType(unique("Tracker"));
    String id = t.get("id").asText();
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("name", "Bug Priority");
    list.put("description", "Priority level of the bug");
    list.put("data_type", "list");
    list.put("list_items", "Low Priority,Medium Priority, High Priority");
    list.put("required_to_create", true);
    JsonNode priority = ok(api.post("/ticket_types/" + id + "/attributes", list));
    assertThat(priority.get("type").asText()).isEqualTo("ticket_type_attribute");
    assertThat(priority.get("order").asInt()).isEqualTo(2);
    assertThat(priority.get("default").asBoolean()).isFalse();
    assertThat(priority.get("required_to_create").asBoolean()).isTrue();
    assertThat(priority.get("visible_on_create").asBoolean()).isTrue();
    assertThat(texts(priority.get("input_options").get("list_options"), "value"))
        .containsExactly("Low Priority", "Medium Priority", "High Priority");

    JsonNode count =
        ok(
            api.post(
                "/ticket_types/" + id + "/attributes",
                Map.of(
                    "name", "Affected users", "description", "How many", "data_type", "integer")));
    assertThat(count.has("input_options")).isFalse();
    assertThat(count.get("order").asInt()).isEqualTo(3);

    JsonNode files =
        ok(
            api.post(
                "/ticket_types/" + id + "/attributes",
                Map.of(
                    "name", "Screenshots",
                    "description", "Files",
                    "data_type", "files",
                    "allow_multiple_values", true)));
    assertThat(files.get("input_options").get("allow_multiple_values").asBoolean()).isTrue();

    JsonNode updated =
        ok(
            api.put(
                "/ticket_types/" + id + "/attributes/" + priority.get("id").asText(),
                Map.of("description", "New description", "visible_to_contacts", false)));
    assertThat(updated.get("description").asText()).isEqualTo("New description");
    assertThat(updated.get("visible_to_contacts").asBoolean()).isFalse();
    assertThat(updated.get("required_to_create").asBoolean()).isTrue();
    assertThat(updated.get("data_type").asText()).isEqualTo("list");

    JsonNode again = ok(api.get("/ticket_types/" + id));
    assertThat(texts(again.get("ticket_type_attributes").get("data"), "name"))
        .containsExactly(
            "_default_title_",
            "_default_description_",
            "Bug Priority",
            "Affected users",
            "Screenshots");
    assertThat(again.get("ticket_type_attributes").get("data").get(2)).isEqualTo(updated);
  }

  @Test
  void ticketStatesListTheTypesThatUseThem() {
    JsonNode t = createType(unique("Question"));
    JsonNode states = ok(api.get("/ticket_states"));
    assertThat(states.get("type").asText()).isEqualTo("list");
    JsonNode first = states.get("data").get(0);
    assertThat(first.get("type").asText()).isEqualTo("ticket_state");
    assertThat(first.get("category").asText()).isEqualTo("submitted");
    assertThat(first.get("internal_label").asText()).isEqualTo("Submitted");
    assertThat(first.get("archived").asBoolean()).isFalse();
    assertThat(texts(first.get("ticket_types").get("data"), "id")).contains(t.get("id").asText());
    assertThat(texts(states.get("data"), "id"))
        .isEqualTo(texts(t.get("ticket_states").get("data"), "id"));
  }

  @Test
  void anOperatorAddsACustomStateThatEveryTypeThenUses() {
    String type = createType(unique("Escalation")).get("id").asText();
    dev.parley.testing.Cli.Result added =
        parley
            .process()
            .cli(
                "ticket-state",
                "create",
                "--workspace",
                "default",
                "--category",
                "in_progress",
                "--internal-label",
                "With Dev Team");
    assertThat(added.exitCode()).as(added.output()).isZero();
    assertThat(added.output()).contains("\"internal_label\" : \"With Dev Team\"");
    JsonNode states = ok(api.get("/ticket_states")).get("data");
    JsonNode custom = states.get(states.size() - 1);
    assertThat(custom.get("category").asText()).isEqualTo("in_progress");
    assertThat(custom.get("internal_label").asText()).isEqualTo("With Dev Team");
    assertThat(custom.get("external_label").asText()).isEqualTo("With Dev Team");
    assertThat(texts(custom.get("ticket_types").get("data"), "id")).contains(type);
    assertThat(texts(ok(api.get("/ticket_types/" + type)).get("ticket_states").get("data"), "id"))
        .contains(custom.get("id").asText());

    dev.parley.testing.Cli.Result again =
        parley
            .process()
            .cli(
                "ticket-state",
                "create",
                "--workspace",
                "default",
                "--category",
                "in_progress",
                "--internal-label",
                "With Dev Team");
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.output()).contains("already has a state named With Dev Team");
    dev.parley.testing.Cli.Result unknown =
        parley
            .process()
            .cli(
                "ticket-state",
                "create",
                "--workspace",
                "default",
                "--category",
                "done",
                "--internal-label",
                "Done");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.output()).contains("category must be one of submitted");
    assertThat(ok(api.get("/ticket_states")).get("data").size()).isEqualTo(states.size());
  }

  @Test
  void badInputGetsIntercomsErrorsAndChangesNothing() {
    String name = unique("Unique");
    String id = createType(name).get("id").asText();
    assertError(
        api.post("/ticket_types", Map.of("name", name.toUpperCase(java.util.Locale.ROOT))),
        400,
        "parameter_invalid",
        null);
    assertError(
        api.post("/ticket_types", Map.of("description", "x")), 400, "parameter_not_found", null);
    assertError(
        api.post("/ticket_types", Map.of("name", "  ")),
        400,
        "parameter_invalid",
        "name must not be blank");
    assertError(
        api.post("/ticket_types", Map.of("name", unique("x"), "category", "Sales")),
        400,
        "parameter_invalid",
        null);
    assertError(api.get("/ticket_types/999999999"), 404, "not_found", null);
    assertError(api.get("/ticket_types/abc"), 404, "not_found", null);
    assertError(api.put("/ticket_types/999999999", Map.of("name", "x")), 404, "not_found", null);
    assertError(
        api.post(
            "/ticket_types/" + id + "/attributes",
            Map.of("name", "p", "description", "d", "data_type", "list")),
        400,
        "parameter_invalid",
        "A list attribute needs list_items, a comma-separated list");
    assertError(
        api.post(
            "/ticket_types/" + id + "/attributes",
            Map.of("name", "p", "description", "d", "data_type", "money")),
        400,
        "parameter_invalid",
        null);
    assertError(
        api.post(
            "/ticket_types/" + id + "/attributes",
            Map.of("name", "_DEFAULT_TITLE_", "description", "d", "data_type", "string")),
        400,
        "parameter_invalid",
        "The ticket type already has an attribute named _DEFAULT_TITLE_");
    assertError(
        api.put("/ticket_types/" + id + "/attributes/999999999", Map.of("name", "x")),
        404,
        "not_found",
        null);
    JsonNode after = ok(api.get("/ticket_types/" + id));
    assertThat(after.get("name").asText()).isEqualTo(name);
    assertThat(after.get("ticket_type_attributes").get("data").size()).isEqualTo(2);
  }
}
