package dev.parley.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.Cli;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /conversations/{id}/parts} ({@code manageConversation}, Intercom 2.14): close,
 * snooze, open and assign, with the parts, states and statistics of the description's examples, and
 * every documented error and bad input, on a real parley.process().
 */
class ManageConversationTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;
  static Scenario s;
  static String admin;
  static String otherAdmin;
  static String team;
  static String foreignAdmin;
  static String readOnlyToken;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    s = new Scenario(api);
    admin = s.adminId();
    otherAdmin =
        idOf(
            parley
                .process()
                .cli(
                    "admin",
                    "create",
                    "--workspace",
                    "default",
                    "--name",
                    "Ana",
                    "--email",
                    "ana@example.com"));
    team =
        idOf(
            parley
                .process()
                .cli(
                    "team",
                    "create",
                    "--workspace",
                    "default",
                    "--name",
                    "Support",
                    "--admin",
                    otherAdmin));
    assertThat(parley.process().cli("workspace", "create", "elsewhere").exitCode()).isZero();
    foreignAdmin =
        idOf(
            parley
                .process()
                .cli(
                    "admin",
                    "create",
                    "--workspace",
                    "elsewhere",
                    "--name",
                    "F",
                    "--email",
                    "f@example.com"));
    readOnlyToken =
        lastLine(
            parley.process().cli("token", "create", "--workspace", "default", "--scopes", "read"));
  }

  static String idOf(Cli.Result result) {
    assertThat(result.exitCode()).as(result.output()).isZero();
    String line = lastLine(result);
    return line.substring(line.lastIndexOf(' ') + 1);
  }

  static String lastLine(Cli.Result result) {
    assertThat(result.exitCode()).as(result.output()).isZero();
    String[] lines = result.output().strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  static ApiResponse manage(String id, Map<String, Object> body) {
    return api.post("/conversations/" + id + "/parts", body);
  }

  static Map<String, Object> body(Object... pairs) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      body.put((String) pairs[i], pairs[i + 1]);
    }
    return body;
  }

  static Map<String, Object> close(String body) {
    Map<String, Object> close = body("message_type", "close", "type", "admin", "admin_id", admin);
    if (body != null) {
      close.put("body", body);
    }
    return close;
  }

  static Map<String, Object> assign(String type, Object assignee) {
    return body(
        "message_type", "assignment", "type", type, "admin_id", admin, "assignee_id", assignee);
  }

  static long inAnHour() {
    return Instant.now().getEpochSecond() + 3600;
  }

  static JsonNode lastPart(JsonNode conversation) {
    JsonNode parts = conversation.path("conversation_parts").path("conversation_parts");
    return parts.get(parts.size() - 1);
  }

  static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  @Test
  void closeWithABodyAddsACloseCarryingItAndClosesTheConversation() {
    String id = s.conversation("please help");
    JsonNode c = ok(manage(id, close("<p>Goodbye :)</p>")));
    assertThat(c.get("state").asText()).isEqualTo("closed");
    assertThat(c.get("open").asBoolean()).isFalse();
    assertThat(c.get("id").asText()).isEqualTo(id);
    JsonNode part = lastPart(c);
    assertThat(part.get("part_type").asText()).isEqualTo("close");
    assertThat(part.get("body").asText()).isEqualTo("<p>Goodbye :)</p>");
    assertThat(part.get("author").get("type").asText()).isEqualTo("admin");
    assertThat(part.get("author").get("id").asText()).isEqualTo(admin);
    assertThat(part.has("assigned_to")).as("no assignment, no assigned_to").isFalse();
    assertThat(part.get("state").asText()).isEqualTo("closed");
    assertThat(part.get("redacted").asBoolean()).isFalse();
    assertThat(c.get("conversation_parts").get("total_count").asInt()).isEqualTo(1);
    JsonNode stats = c.get("statistics");
    assertThat(stats.get("last_closed_by_id").asText()).isEqualTo(admin);
    assertThat(stats.get("first_close_at").asLong()).isEqualTo(part.get("created_at").asLong());
    assertThat(stats.get("last_close_at").asLong()).isEqualTo(part.get("created_at").asLong());
    assertThat(stats.get("count_conversation_parts").asInt()).isEqualTo(1);
    JsonNode again = ok(api.get("/conversations/" + id));
    assertThat(again.get("state").asText()).isEqualTo("closed");
    assertThat(lastPart(again).get("id").asText()).isEqualTo(part.get("id").asText());
  }

  @Test
  void closeWithoutABodyHasANullBodyAndKeepsTheContactWaiting() {
    String id = s.conversation("still waiting");
    long waiting = ok(api.get("/conversations/" + id)).get("waiting_since").asLong();
    JsonNode c = ok(manage(id, close(null)));
    assertThat(lastPart(c).get("body").isNull()).isTrue();
    assertThat(c.get("waiting_since").asLong()).isEqualTo(waiting);
    JsonNode withBody = ok(manage(s.conversation("answered"), close("bye")));
    assertThat(withBody.get("waiting_since").isNull()).isTrue();
  }

  @Test
  void snoozeKeepsOpenTrueAndSetsSnoozedUntil() {
    String id = s.conversation("later please");
    long until = inAnHour();
    JsonNode c =
        ok(manage(id, body("message_type", "snoozed", "admin_id", admin, "snoozed_until", until)));
    assertThat(c.get("state").asText()).isEqualTo("snoozed");
    assertThat(c.get("open").asBoolean()).isTrue();
    assertThat(c.get("snoozed_until").asLong()).isEqualTo(until);
    JsonNode part = lastPart(c);
    assertThat(part.get("part_type").asText()).isEqualTo("snoozed");
    assertThat(part.get("body").isNull()).isTrue();
    assertThat(part.get("state").asText()).isEqualTo("snoozed");
  }

  @Test
  void openClearsSnoozedUntil() {
    String id = s.conversation("wake me");
    ok(manage(id, body("message_type", "snoozed", "admin_id", admin, "snoozed_until", inAnHour())));
    JsonNode c = ok(manage(id, body("message_type", "open", "admin_id", admin)));
    assertThat(c.get("state").asText()).isEqualTo("open");
    assertThat(c.get("open").asBoolean()).isTrue();
    assertThat(c.get("snoozed_until").isNull()).isTrue();
    assertThat(lastPart(c).get("part_type").asText()).isEqualTo("open");
    assertThat(c.get("statistics").get("count_reopens").asInt()).isZero();
  }

  @Test
  void openingAClosedConversationCountsAReopen() {
    String id = s.conversation("again");
    ok(manage(id, close(null)));
    JsonNode c = ok(manage(id, body("message_type", "open", "admin_id", admin)));
    assertThat(c.get("state").asText()).isEqualTo("open");
    assertThat(c.get("statistics").get("count_reopens").asInt()).isEqualTo(1);
    assertThat(c.get("statistics").get("count_conversation_parts").asInt()).isEqualTo(2);
  }

  @Test
  void assigningAnOpenConversationAddsAnAssignmentPartAndSetsTheAdminAssignee() {
    String id = s.conversation("who helps me");
    JsonNode c = ok(manage(id, assign("admin", otherAdmin)));
    assertThat(c.get("admin_assignee_id").isIntegralNumber()).isTrue();
    assertThat(c.get("admin_assignee_id").asText()).isEqualTo(otherAdmin);
    assertThat(c.get("team_assignee_id").isNull()).isTrue();
    assertThat(c.get("state").asText()).isEqualTo("open");
    JsonNode part = lastPart(c);
    assertThat(part.get("part_type").asText()).isEqualTo("assignment");
    assertThat(part.get("assigned_to").get("type").asText()).isEqualTo("admin");
    assertThat(part.get("assigned_to").get("id").asText()).isEqualTo(otherAdmin);
    assertThat(part.get("author").get("id").asText()).isEqualTo(admin);
    JsonNode stats = c.get("statistics");
    assertThat(stats.get("count_assignments").asInt()).isEqualTo(1);
    assertThat(stats.get("first_assignment_at").asLong())
        .isEqualTo(part.get("created_at").asLong());
    assertThat(stats.get("time_to_assignment").asLong()).isBetween(0L, 60L);
  }

  @Test
  void assigningAClosedConversationReopensItWithAssignAndReopen() {
    String id = s.conversation("closed too soon");
    ok(manage(id, close(null)));
    JsonNode c = ok(manage(id, assign("admin", admin)));
    assertThat(c.get("state").asText()).isEqualTo("open");
    assertThat(c.get("open").asBoolean()).isTrue();
    assertThat(c.get("admin_assignee_id").asText()).isEqualTo(admin);
    JsonNode part = lastPart(c);
    assertThat(part.get("part_type").asText()).isEqualTo("assign_and_reopen");
    assertThat(part.get("assigned_to").get("id").asText()).isEqualTo(admin);
    assertThat(part.get("state").asText()).isEqualTo("open");
    assertThat(c.get("statistics").get("count_reopens").asInt()).isEqualTo(1);
    assertThat(c.get("statistics").get("count_assignments").asInt()).isEqualTo(1);
  }

  @Test
  void aSnoozedConversationStaysSnoozedWhenAssigned() {
    String id = s.conversation("snoozed and assigned");
    long until = inAnHour();
    ok(manage(id, body("message_type", "snoozed", "admin_id", admin, "snoozed_until", until)));
    JsonNode c = ok(manage(id, assign("team", team)));
    assertThat(c.get("state").asText()).isEqualTo("snoozed");
    assertThat(c.get("snoozed_until").asLong()).isEqualTo(until);
    assertThat(lastPart(c).get("part_type").asText()).isEqualTo("assignment");
  }

  @Test
  void aConversationHoldsAnAdminAndATeamAssigneeAndZeroUnassignsEachOnItsOwn() {
    String id = s.conversation("two assignees");
    ok(manage(id, assign("team", team)));
    JsonNode both = ok(manage(id, assign("admin", otherAdmin)));
    assertThat(both.get("team_assignee_id").asText()).isEqualTo(team);
    assertThat(both.get("admin_assignee_id").asText()).isEqualTo(otherAdmin);

    JsonNode noAdmin = ok(manage(id, assign("admin", "0")));
    assertThat(noAdmin.get("admin_assignee_id").isNull()).isTrue();
    assertThat(noAdmin.get("team_assignee_id").asText()).isEqualTo(team);
    JsonNode part = lastPart(noAdmin);
    assertThat(part.get("part_type").asText()).isEqualTo("assignment");
    assertThat(part.get("assigned_to").get("type").asText()).isEqualTo("nobody_admin");
    assertThat(part.get("assigned_to").get("id").isNull()).isTrue();

    JsonNode nobody = ok(manage(id, assign("team", 0)));
    assertThat(nobody.get("team_assignee_id").isNull()).isTrue();
    assertThat(nobody.get("admin_assignee_id").isNull()).isTrue();
    assertThat(lastPart(nobody).get("assigned_to").get("type").asText()).isEqualTo("team");
    assertThat(nobody.get("statistics").get("count_assignments").asInt()).isEqualTo(2);
    assertThat(nobody.get("statistics").get("count_conversation_parts").asInt()).isEqualTo(4);
  }

  @Test
  void unassigningAClosedConversationLeavesItClosed() {
    String id = s.conversation("closed, unassigned");
    ok(manage(id, assign("admin", admin)));
    ok(manage(id, close(null)));
    JsonNode c = ok(manage(id, assign("admin", "0")));
    assertThat(c.get("state").asText()).isEqualTo("closed");
    assertThat(lastPart(c).get("part_type").asText()).isEqualTo("assignment");
  }

  @Test
  void anAssignmentWithABodyCarriesItInThePart() {
    String id = s.conversation("pass me on");
    Map<String, Object> request = assign("admin", otherAdmin);
    request.put("body", "Let me pass you over to one of my colleagues.");
    JsonNode c = ok(manage(id, request));
    assertThat(lastPart(c).get("body").asText())
        .isEqualTo("Let me pass you over to one of my colleagues.");
    assertThat(c.get("waiting_since").isNull()).isTrue();
  }

  @Test
  void idsSentAsJsonNumbersAsInTheDescriptionsExamplesAreAccepted() {
    String id = s.conversation("numbers");
    JsonNode c =
        ok(
            manage(
                id,
                body(
                    "message_type",
                    "assignment",
                    "type",
                    "admin",
                    "admin_id",
                    Long.parseLong(admin),
                    "assignee_id",
                    Long.parseLong(otherAdmin))));
    assertThat(c.get("admin_assignee_id").asText()).isEqualTo(otherAdmin);
  }

  @Test
  void theReportingRecordFollowsEveryAction() {
    String id = s.conversation("reported");
    ok(manage(id, assign("team", team)));
    ok(manage(id, close(null)));
    try (TestDatabase db = TestDatabase.of(parley.process())) {
      List<Object> row =
          db.rows(
                  "SELECT state, team_assignee_id, count_assignments, last_closed_by_id,"
                      + " count_parts FROM conversation_metrics WHERE conversation_id = ?",
                  Long.parseLong(id))
              .get(0);
      assertThat(row.get(0)).isEqualTo("closed");
      assertThat(((Number) row.get(1)).longValue()).isEqualTo(Long.parseLong(team));
      assertThat(((Number) row.get(2)).intValue()).isEqualTo(1);
      assertThat(((Number) row.get(3)).longValue()).isEqualTo(Long.parseLong(admin));
      assertThat(((Number) row.get(4)).intValue()).isEqualTo(2);
    }
    ok(manage(id, body("message_type", "snoozed", "admin_id", admin, "snoozed_until", inAnHour())));
    try (TestDatabase db = TestDatabase.of(parley.process())) {
      assertThat(
              db.rows(
                      "SELECT state FROM conversation_metrics WHERE conversation_id = ?",
                      Long.parseLong(id))
                  .get(0)
                  .get(0))
          .isEqualTo("snoozed");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"999999999", "abc", "-1", "99999999999999999999"})
  void anUnknownConversationAnswers404NotFound(String id) {
    ApiResponse response = manage(id, close(null));
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("not_found");
    assertThat(message(response)).isEqualTo("Resource Not Found");
  }

  @Test
  void aConversationOfAnotherWorkspaceAnswers404() {
    String id = s.conversation("not yours");
    Api other =
        new Api(
            parley.process().baseUrl(),
            lastLine(
                parley
                    .process()
                    .cli("token", "create", "--workspace", "elsewhere", "--scopes", "read,write")));
    ApiResponse response =
        other.post(
            "/conversations/" + id + "/parts",
            body("message_type", "open", "admin_id", foreignAdmin));
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("not_found");
    assertUnchanged(id, ok(api.get("/conversations/" + id)));
  }

  @Test
  void anUnknownAdminOrOneOfAnotherWorkspaceAnswers404AdminNotFound() {
    String id = s.conversation("unknown admin");
    JsonNode before = ok(api.get("/conversations/" + id));
    for (String adminId : List.of("424242", foreignAdmin)) {
      Map<String, Object> close = close(null);
      close.put("admin_id", adminId);
      ApiResponse response = manage(id, close);
      assertThat(response.status()).as(response.toString()).isEqualTo(404);
      assertThat(response.errorCode()).isEqualTo("admin_not_found");
    }
    assertUnchanged(id, before);
  }

  @Test
  void anUnknownAssigneeAnswers404OfItsKind() {
    String id = s.conversation("unknown assignee");
    JsonNode before = ok(api.get("/conversations/" + id));
    ApiResponse admin404 = manage(id, assign("admin", "424242"));
    assertThat(admin404.status()).isEqualTo(404);
    assertThat(admin404.errorCode()).isEqualTo("admin_not_found");
    ApiResponse foreign = manage(id, assign("admin", foreignAdmin));
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.errorCode()).isEqualTo("admin_not_found");
    ApiResponse team404 = manage(id, assign("team", "424242"));
    assertThat(team404.status()).isEqualTo(404);
    assertThat(team404.errorCode()).isEqualTo("team_not_found");
    ApiResponse adminAsTeam = manage(id, assign("team", otherAdmin));
    assertThat(adminAsTeam.status()).isEqualTo(404);
    assertThat(adminAsTeam.errorCode()).isEqualTo("team_not_found");
    assertUnchanged(id, before);
  }

  @Test
  void aSnoozeThatIsNotInTheFutureOrNotAnIntegerAnswers400ParameterInvalid() {
    String id = s.conversation("bad snooze");
    JsonNode before = ok(api.get("/conversations/" + id));
    long now = Instant.now().getEpochSecond();
    for (Object until :
        List.of(now - 3600, 0, -5, "tomorrow", 1.5, true, Map.of("at", 1), List.of(1))) {
      ApiResponse response =
          manage(id, body("message_type", "snoozed", "admin_id", admin, "snoozed_until", until));
      assertThat(response.status()).as(until + ": " + response).isEqualTo(400);
      assertThat(response.errorCode()).isEqualTo("parameter_invalid");
      assertThat(response.json().path("errors").path(0).path("field").asText())
          .isEqualTo("snoozed_until");
    }
    ApiResponse missing = manage(id, body("message_type", "snoozed", "admin_id", admin));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.errorCode()).isEqualTo("parameter_not_found");
    assertUnchanged(id, before);
  }

  @Test
  void badBodiesAnswer400AndChangeNothing() {
    String id = s.conversation("bad bodies");
    JsonNode before = ok(api.get("/conversations/" + id));
    List<Object[]> cases =
        List.of(
            new Object[] {body(), "parameter_not_found", "message_type"},
            new Object[] {
              body("message_type", "reopen", "admin_id", admin), "parameter_invalid", "message_type"
            },
            new Object[] {
              body("message_type", 7, "admin_id", admin), "parameter_invalid", "message_type"
            },
            new Object[] {body("message_type", "open"), "parameter_not_found", "admin_id"},
            new Object[] {
              body("message_type", "open", "admin_id", "abc"), "parameter_invalid", "admin_id"
            },
            new Object[] {
              body("message_type", "open", "admin_id", true), "parameter_invalid", "admin_id"
            },
            new Object[] {
              body("message_type", "close", "admin_id", admin), "parameter_not_found", "type"
            },
            new Object[] {
              body("message_type", "close", "type", "team", "admin_id", admin),
              "parameter_invalid",
              "type"
            },
            new Object[] {
              body("message_type", "close", "type", "admin", "admin_id", admin, "body", 5),
              "parameter_invalid",
              "body"
            },
            new Object[] {
              body("message_type", "assignment", "admin_id", admin, "assignee_id", admin),
              "parameter_not_found",
              "type"
            },
            new Object[] {
              body(
                  "message_type",
                  "assignment",
                  "type",
                  "bot",
                  "admin_id",
                  admin,
                  "assignee_id",
                  admin),
              "parameter_invalid",
              "type"
            },
            new Object[] {
              body("message_type", "assignment", "type", "admin", "admin_id", admin),
              "parameter_not_found",
              "assignee_id"
            },
            new Object[] {
              body(
                  "message_type",
                  "assignment",
                  "type",
                  "admin",
                  "admin_id",
                  admin,
                  "assignee_id",
                  "-3"),
              "parameter_invalid",
              "assignee_id"
            },
            new Object[] {
              body(
                  "message_type",
                  "assignment",
                  "type",
                  "admin",
                  "admin_id",
                  admin,
                  "assignee_id",
                  "x1"),
              "parameter_invalid",
              "assignee_id"
            },
            new Object[] {
              body(
                  "message_type",
                  "assignment",
                  "type",
                  "admin",
                  "admin_id",
                  admin,
                  "assignee_id",
                  Map.of()),
              "parameter_invalid",
              "assignee_id"
            });
    for (Object[] c : cases) {
      @SuppressWarnings("unchecked")
      ApiResponse response = manage(id, (Map<String, Object>) c[0]);
      assertThat(response.status()).as(c[0] + ": " + response).isEqualTo(400);
      assertThat(response.errorCode()).as(c[0] + ": " + response).isEqualTo(c[1]);
      assertThat(response.json().path("errors").path(0).path("field").asText()).isEqualTo(c[2]);
    }
    for (String raw : List.of("{", "[1,2]", "\"close\"", "{\"message_type\":")) {
      ApiResponse response = api.post("/conversations/" + id + "/parts", raw);
      assertThat(response.status()).as(raw + ": " + response).isEqualTo(400);
      assertThat(response.errorCode()).isEqualTo("parameter_invalid");
    }
    assertUnchanged(id, before);
  }

  @Test
  void aReadOnlyTokenGets403AndAMissingTokenGets401() {
    String id = s.conversation("guarded");
    JsonNode before = ok(api.get("/conversations/" + id));
    ApiResponse forbidden =
        api.withToken(readOnlyToken).post("/conversations/" + id + "/parts", close(null));
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.errorCode()).isEqualTo("action_forbidden");
    ApiResponse anonymous =
        api.withToken(null).post("/conversations/" + id + "/parts", close(null));
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.errorCode()).isEqualTo("unauthorized");
    assertUnchanged(id, before);
  }

  static String message(ApiResponse response) {
    return response.json().path("errors").path(0).path("message").asText();
  }

  /** The conversation is as it was: same state, assignees, parts and update time. */
  static void assertUnchanged(String id, JsonNode before) {
    JsonNode now = ok(api.get("/conversations/" + id));
    for (String field :
        List.of(
            "state",
            "open",
            "updated_at",
            "snoozed_until",
            "admin_assignee_id",
            "team_assignee_id",
            "waiting_since")) {
      assertThat(now.get(field)).as(field).isEqualTo(before.get(field));
    }
    assertThat(now.get("conversation_parts")).isEqualTo(before.get("conversation_parts"));
    assertThat(now.get("statistics")).isEqualTo(before.get("statistics"));
  }
}
