package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.Cli;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Intercom's {@code setAwayAdmin}, and teams made by the CLI with admin members as {@code
 * listTeams}, {@code retrieveTeam} and the admins show them.
 */
class AdminsTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;
  static String adminId;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    Cli.Result created =
        parley
            .process()
            .cli(
                "admin",
                "create",
                "--workspace",
                "default",
                "--name",
                "Away Tester",
                "--email",
                "away@example.com");
    assertThat(created.exitCode()).as(created.output()).isZero();
    adminId = lastLine(created.output());
  }

  /** The id that {@code admin create} and {@code team create} print last ("created admin 7"). */
  private static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    String last = lines[lines.length - 1].strip();
    return last.substring(last.lastIndexOf(' ') + 1);
  }

  private static JsonNode admin(String id) {
    ApiResponse got = api.get("/admins/" + id);
    assertThat(got.status()).as(got.toString()).isEqualTo(200);
    return got.json();
  }

  @Test
  void setAwayAdminSetsBothFlagsAndAnswersTheAdmin() {
    ApiResponse away =
        api.put(
            "/admins/" + adminId + "/away",
            Map.of("away_mode_enabled", true, "away_mode_reassign", true));
    assertThat(away.status()).as(away.toString()).isEqualTo(200);
    JsonNode a = away.json();
    assertThat(a.get("type").asText()).isEqualTo("admin");
    assertThat(a.get("id").asText()).isEqualTo(adminId);
    assertThat(a.get("name").asText()).isEqualTo("Away Tester");
    assertThat(a.get("away_mode_enabled").asBoolean()).isTrue();
    assertThat(a.get("away_mode_reassign").asBoolean()).isTrue();
    assertThat(a.get("away_status_reason_id").isNull()).isTrue();
    assertThat(admin(adminId)).isEqualTo(a);

    ApiResponse back =
        api.put(
            "/admins/" + adminId + "/away",
            Map.of("away_mode_enabled", false, "away_mode_reassign", false));
    assertThat(back.status()).isEqualTo(200);
    assertThat(back.json().get("away_mode_enabled").asBoolean()).isFalse();
    assertThat(back.json().get("away_mode_reassign").asBoolean()).isFalse();
    assertThat(admin(adminId).get("away_mode_enabled").asBoolean()).isFalse();
  }

  @Test
  void listAdminsShowsTheAwayModeOfEachAdmin() {
    assertThat(
            api.put(
                    "/admins/" + adminId + "/away",
                    Map.of("away_mode_enabled", true, "away_mode_reassign", false))
                .status())
        .isEqualTo(200);
    try {
      ApiResponse list = api.get("/admins");
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.json().get("type").asText()).isEqualTo("admin.list");
      JsonNode listed = null;
      for (JsonNode a : list.json().path("admins")) {
        if (a.path("id").asText().equals(adminId)) {
          listed = a;
        }
      }
      assertThat(listed).as("the admin is listed").isNotNull();
      assertThat(listed.get("away_mode_enabled").asBoolean()).isTrue();
      assertThat(listed.get("away_mode_reassign").asBoolean()).isFalse();
    } finally {
      api.put(
          "/admins/" + adminId + "/away",
          Map.of("away_mode_enabled", false, "away_mode_reassign", false));
    }
  }

  @Test
  void theTokensOwnAdminShowsItsAwayModeOnMe() {
    String me = new Scenario(api).adminId();
    assertThat(
            api.put(
                    "/admins/" + me + "/away",
                    Map.of("away_mode_enabled", true, "away_mode_reassign", false))
                .status())
        .isEqualTo(200);
    try {
      JsonNode identified = api.get("/me").json();
      assertThat(identified.get("away_mode_enabled").asBoolean()).isTrue();
      assertThat(identified.get("away_mode_reassign").asBoolean()).isFalse();
    } finally {
      api.put(
          "/admins/" + me + "/away",
          Map.of("away_mode_enabled", false, "away_mode_reassign", false));
    }
  }

  @Test
  void aNullAwayStatusReasonIsTheSameAsNone() {
    ApiResponse away =
        api.put(
            "/admins/" + adminId + "/away",
            "{\"away_mode_enabled\":true,\"away_mode_reassign\":false,\"away_status_reason_id\":null}");
    assertThat(away.status()).as(away.toString()).isEqualTo(200);
    assertThat(away.json().get("away_mode_enabled").asBoolean()).isTrue();
    api.put(
        "/admins/" + adminId + "/away",
        Map.of("away_mode_enabled", false, "away_mode_reassign", false));
  }

  private static Cli.Result cli(String... args) {
    return parley.process().cli(args);
  }

  @Test
  void operatorsAddAwayStatusReasonsThatAdminsGiveWhenAwayAndDeletedOnesStayListed() {
    assertThat(api.get("/away_status_reasons").json().path("data").size()).isZero();
    Cli.Result coffee =
        cli(
            "away-status-reason",
            "create",
            "--workspace",
            "default",
            "--label",
            "On a break",
            "--emoji",
            "\u2615");
    assertThat(coffee.exitCode()).as(coffee.output()).isZero();
    Cli.Result lunch =
        cli("away-status-reason", "create", "--workspace", "default", "--label", "Lunch");
    assertThat(lunch.exitCode()).as(lunch.output()).isZero();
    Cli.Result taken =
        cli("away-status-reason", "create", "--workspace", "default", "--label", "Lunch");
    assertThat(taken.exitCode()).isEqualTo(2);
    assertThat(taken.output()).contains("already has an away status reason labelled Lunch");

    JsonNode list = api.get("/away_status_reasons").json();
    assertThat(list.path("type").asText()).isEqualTo("list");
    JsonNode reasons = list.path("data");
    assertThat(reasons.size()).isEqualTo(2);
    JsonNode first = reasons.path(0);
    assertThat(first.path("type").asText()).isEqualTo("away_status_reason");
    assertThat(first.path("label").asText()).isEqualTo("On a break");
    assertThat(first.path("emoji").asText()).isEqualTo("\u2615");
    assertThat(first.path("order").asInt()).isEqualTo(1);
    assertThat(first.path("deleted").asBoolean()).isFalse();
    assertThat(first.path("created_at").asLong()).isPositive();
    assertThat(reasons.path(1).path("label").asText()).isEqualTo("Lunch");
    assertThat(reasons.path(1).path("order").asInt()).isEqualTo(2);
    String coffeeId = first.path("id").asText();
    String lunchId = reasons.path(1).path("id").asText();

    try {
      ApiResponse away =
          api.put(
              "/admins/" + adminId + "/away",
              Map.of(
                  "away_mode_enabled",
                  true,
                  "away_mode_reassign",
                  false,
                  "away_status_reason_id",
                  Long.parseLong(coffeeId)));
      assertThat(away.status()).as(away.toString()).isEqualTo(200);
      assertThat(away.json().path("away_status_reason_id").asText()).isEqualTo(coffeeId);
      assertThat(admin(adminId).path("away_status_reason_id").asText()).isEqualTo(coffeeId);

      Cli.Result deleted =
          cli("away-status-reason", "delete", "--workspace", "default", "--id", lunchId);
      assertThat(deleted.exitCode()).as(deleted.output()).isZero();
      JsonNode after = api.get("/away_status_reasons").json().path("data");
      assertThat(after.size()).isEqualTo(2);
      assertThat(after.path(1).path("deleted").asBoolean()).isTrue();
      ApiResponse refused =
          api.put(
              "/admins/" + adminId + "/away",
              Map.of(
                  "away_mode_enabled",
                  true,
                  "away_mode_reassign",
                  false,
                  "away_status_reason_id",
                  Long.parseLong(lunchId)));
      assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
      assertThat(refused.errorCode()).isEqualTo("parameter_invalid");
      assertThat(refused.json().path("errors").path(0).path("message").asText())
          .isEqualTo("Away status reason is deleted");
      assertThat(admin(adminId).path("away_status_reason_id").asText()).isEqualTo(coffeeId);
      assertThat(
              cli("away-status-reason", "delete", "--workspace", "default", "--id", "999999")
                  .exitCode())
          .isEqualTo(2);
    } finally {
      ApiResponse back =
          api.put(
              "/admins/" + adminId + "/away",
              Map.of("away_mode_enabled", false, "away_mode_reassign", false));
      assertThat(back.json().path("away_status_reason_id").isNull())
          .as("an admin set back loses its reason")
          .isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"away_mode_reassign\":true}|parameter_not_found|away_mode_enabled",
        "{\"away_mode_enabled\":true}|parameter_not_found|away_mode_reassign",
        "{}|parameter_not_found|away_mode_enabled",
        "{\"away_mode_enabled\":null,\"away_mode_reassign\":true}|parameter_not_found|away_mode_enabled",
        "{\"away_mode_enabled\":\"true\",\"away_mode_reassign\":true}|parameter_invalid|away_mode_enabled",
        "{\"away_mode_enabled\":true,\"away_mode_reassign\":1}|parameter_invalid|away_mode_reassign",
        "{\"away_mode_enabled\":true,\"away_mode_reassign\":true,\"away_status_reason_id\":12345}|parameter_invalid|away_status_reason_id",
        "{\"away_mode_enabled\":true,\"away_mode_reassign\":true,\"away_status_reason_id\":\"abc\"}|parameter_invalid|away_status_reason_id",
        "{\"away_mode_enabled\":true,\"away_mode_reassign\":true,\"away_status_reason_id\":1.5}|parameter_invalid|away_status_reason_id",
        "{|parameter_invalid|",
        "[true]|parameter_invalid|"
      })
  void badAwayBodiesAnswer400NamingTheFieldAndChangeNothing(String testCase) {
    String[] parts = testCase.split("\\|", -1);
    JsonNode before = admin(adminId);
    ApiResponse response = api.put("/admins/" + adminId + "/away", parts[0]);
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo(parts[1]);
    if (!parts[2].isEmpty()) {
      assertThat(response.json().path("errors").path(0).path("field").asText()).isEqualTo(parts[2]);
    }
    assertThat(admin(adminId)).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"999999999", "abc", "-5", "99999999999999999999"})
  void unknownAdminsAnswer404AdminNotFound(String id) {
    ApiResponse response =
        api.put(
            "/admins/" + id + "/away",
            Map.of("away_mode_enabled", true, "away_mode_reassign", true));
    assertThat(response.status()).as(response.toString()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("admin_not_found");
    assertThat(response.json().path("errors").path(0).path("message").asText())
        .isEqualTo("Admin for admin_id not found");
  }

  @Test
  void retrieveAdminAnswersAdminNotFoundForAnUnknownIdAndNotFoundForAPathThatIsNoAdminId() {
    ApiResponse unknown = api.get("/admins/999999999");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo("admin_not_found");
    ApiResponse noRoute = api.get("/admins/not-an-id");
    assertThat(noRoute.status()).isEqualTo(404);
    assertThat(noRoute.errorCode()).isEqualTo("not_found");
  }

  @Test
  void anAdminOfAnotherWorkspaceAnswers404AndStaysAsItIs() {
    assertThat(parley.process().cli("workspace", "create", "admins-other").exitCode()).isZero();
    Cli.Result created =
        parley
            .process()
            .cli(
                "admin",
                "create",
                "--workspace",
                "admins-other",
                "--name",
                "Other",
                "--email",
                "other@example.com");
    assertThat(created.exitCode()).as(created.output()).isZero();
    String otherAdmin = lastLine(created.output());
    ApiResponse response =
        api.put(
            "/admins/" + otherAdmin + "/away",
            Map.of("away_mode_enabled", true, "away_mode_reassign", true));
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("admin_not_found");
    Api other = api.withToken(parley.process().createToken("admins-other", "read"));
    assertThat(other.get("/admins/" + otherAdmin).json().get("away_mode_enabled").asBoolean())
        .isFalse();
  }

  @Test
  void aReadOnlyTokenGets403AndNoTokenGets401() {
    Api readOnly = api.withToken(parley.process().createToken("default", "read"));
    ApiResponse forbidden =
        readOnly.put(
            "/admins/" + adminId + "/away",
            Map.of("away_mode_enabled", true, "away_mode_reassign", true));
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.errorCode()).isEqualTo("action_forbidden");
    ApiResponse unauthorized =
        api.withToken(null)
            .put(
                "/admins/" + adminId + "/away",
                Map.of("away_mode_enabled", true, "away_mode_reassign", true));
    assertThat(unauthorized.status()).isEqualTo(401);
    assertThat(unauthorized.errorCode()).isEqualTo("unauthorized");
    assertThat(admin(adminId).get("away_mode_enabled").asBoolean()).isFalse();
  }

  @Test
  void aTeamCreatedByTheCliWithAdminMembersShowsOnTeamsAndOnTheAdmins() {
    String me = new Scenario(api).adminId();
    Cli.Result created =
        parley
            .process()
            .cli(
                "team",
                "create",
                "--workspace",
                "default",
                "--name",
                "Support Squad",
                "--admin",
                me,
                "--admin",
                adminId);
    assertThat(created.exitCode()).as(created.output()).isZero();
    String teamId = lastLine(created.output());

    ApiResponse team = api.get("/teams/" + teamId);
    assertThat(team.status()).as(team.toString()).isEqualTo(200);
    assertThat(team.json().get("type").asText()).isEqualTo("team");
    assertThat(team.json().get("name").asText()).isEqualTo("Support Squad");
    assertThat(longs(team.json().get("admin_ids")))
        .containsExactlyInAnyOrder(Long.parseLong(me), Long.parseLong(adminId));
    List<String> listed = new ArrayList<>();
    api.get("/teams").json().path("teams").forEach(t -> listed.add(t.path("id").asText()));
    assertThat(listed).contains(teamId);
    assertThat(longs(admin(adminId).get("team_ids"))).contains(Long.parseLong(teamId));
    assertThat(longs(api.get("/me").json().get("team_ids"))).contains(Long.parseLong(teamId));
    ApiResponse unknown = api.get("/teams/999999999");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo("team_not_found");
  }

  @Test
  void anAdminInSeveralTeamsListsEachTeamOnceInIdOrder() {
    String carol =
        lastLine(
            parley
                .process()
                .cli(
                    "admin",
                    "create",
                    "--workspace",
                    "default",
                    "--name",
                    "Carol Two-Teams",
                    "--email",
                    "carol@example.com")
                .output());
    String first =
        lastLine(
            parley
                .process()
                .cli(
                    "team",
                    "create",
                    "--workspace",
                    "default",
                    "--name",
                    "Billing",
                    "--admin",
                    carol)
                .output());
    String second =
        lastLine(
            parley
                .process()
                .cli(
                    "team",
                    "create",
                    "--workspace",
                    "default",
                    "--name",
                    "Escalations",
                    "--admin",
                    carol)
                .output());
    assertThat(Long.parseLong(second)).isGreaterThan(Long.parseLong(first));

    assertThat(longs(admin(carol).get("team_ids")))
        .containsExactly(Long.parseLong(first), Long.parseLong(second));
    JsonNode listed = null;
    for (JsonNode a : api.get("/admins").json().path("admins")) {
      if (a.path("id").asText().equals(carol)) {
        listed = a;
      }
    }
    assertThat(listed).as("carol in /admins").isNotNull();
    assertThat(longs(listed.get("team_ids")))
        .containsExactly(Long.parseLong(first), Long.parseLong(second));
    assertThat(listed.path("name").asText()).isEqualTo("Carol Two-Teams");
    assertThat(listed.path("email").asText()).isEqualTo("carol@example.com");

    // an admin named twice is a member once
    Cli.Result twice =
        parley
            .process()
            .cli(
                "team",
                "create",
                "--workspace",
                "default",
                "--name",
                "Twice",
                "--admin",
                carol,
                "--admin",
                carol);
    assertThat(twice.exitCode()).as(twice.output()).isZero();
    JsonNode team = api.get("/teams/" + lastLine(twice.output())).json();
    assertThat(longs(team.get("admin_ids"))).containsExactly(Long.parseLong(carol));
  }

  private static List<Long> longs(JsonNode array) {
    List<Long> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asLong()));
    return values;
  }
}
