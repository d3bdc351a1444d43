package dev.parley.http;

import static dev.parley.http.Acceptance.raw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.Cli;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Segments and subscription types against a real parley on the round's store, every answer
 * validated against the 2.14 description: operators add them (and segments' contacts) with the CLI;
 * {@code listSegments} (with {@code include_count}), {@code retrieveSegment}, {@code
 * listSegmentsForAContact}, {@code listSubscriptionTypes}, {@code listSubscriptionsForAContact},
 * {@code attachSubscriptionTypeToContact} and {@code detachSubscriptionTypeToContact} serve them;
 * bad input, workspace isolation, and a deleted contact leaving no membership or choice behind.
 * Each test works in a workspace of its own, so that lists see only their own objects.
 */
class SegmentsAndSubscriptionsTest {
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void setUp() {
    api = parley.api();
  }

  /** A new workspace of this parley: its name and an API client with its token. */
  private record Workspace(String name, Api api, Scenario s) {}

  private static Workspace newWorkspace() {
    String name = "seg-" + UUID.randomUUID().toString().substring(0, 8);
    ApiResponse created =
        raw(
            parley.process(),
            ParleyProcess.OPERATOR_TOKEN,
            "POST",
            "/_parley/workspaces",
            Map.of("name", name));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    Api own = api.withToken(created.json().path("token").asText());
    return new Workspace(name, own, new Scenario(own));
  }

  private static Cli.Result cli(String... args) {
    return parley.process().cli(args);
  }

  private static JsonNode cliJson(String... args) {
    Cli.Result result = cli(args);
    assertThat(result.exitCode()).as(result.output()).isZero();
    String out = result.output();
    try {
      return JSON.readTree(out.substring(out.indexOf('{'), out.lastIndexOf('}') + 1));
    } catch (java.io.IOException e) {
      throw new AssertionError(out, e);
    }
  }

  private static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private static void error(ApiResponse response, int status, String code, String message) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    if (code != null) {
      assertThat(response.errorCode()).as(response.toString()).isEqualTo(code);
    }
    if (message != null) {
      assertThat(response.json().path("errors").path(0).path("message").asText())
          .isEqualTo(message);
    }
  }

  private static String segment(Workspace w, String name, String personType) {
    JsonNode created =
        cliJson(
            "segment",
            "create",
            "--workspace",
            w.name(),
            "--name",
            name,
            "--person-type",
            personType);
    assertThat(created.path("type").asText()).isEqualTo("segment");
    assertThat(created.path("name").asText()).isEqualTo(name);
    return created.path("id").asText();
  }

  private static void addContact(Workspace w, String segment, String contact) {
    Cli.Result added =
        cli(
            "segment",
            "add-contact",
            "--workspace",
            w.name(),
            "--id",
            segment,
            "--contact",
            contact);
    assertThat(added.exitCode()).as(added.output()).isZero();
  }

  private static String subscriptionType(Workspace w, String name, String consent, String content) {
    JsonNode created =
        cliJson(
            "subscription-type",
            "create",
            "--workspace",
            w.name(),
            "--name",
            name,
            "--description",
            name + " about",
            "--consent-type",
            consent,
            "--content-types",
            content);
    assertThat(created.path("type").asText()).isEqualTo("subscription");
    assertThat(created.path("state").asText()).isEqualTo("live");
    return created.path("id").asText();
  }

  private static String lead(Workspace w) {
    return w.s().contact(Map.of("role", "lead", "name", "A lead"));
  }

  private static String user(Workspace w) {
    return w.s().contact("u-" + UUID.randomUUID() + "@segments.example");
  }

  @Test
  void contactSearchFindsTheContactsOfASegmentBySegmentId() {
    Workspace w = newWorkspace();
    String users = segment(w, "Searched users", "user");
    String other = segment(w, "Other users", "user");
    String ann = user(w);
    String bob = user(w);
    String cid = user(w);
    addContact(w, users, ann);
    addContact(w, users, bob);
    addContact(w, other, cid);
    assertThat(searchIds(w, Map.of("field", "segment_id", "operator", "=", "value", users)))
        .containsExactlyInAnyOrder(ann, bob);
    assertThat(searchIds(w, Map.of("field", "segment_id", "operator", "!=", "value", users)))
        .containsExactlyInAnyOrder(cid);
    assertThat(
            searchIds(
                w, Map.of("field", "segment_id", "operator", "IN", "value", List.of(users, other))))
        .containsExactlyInAnyOrder(ann, bob, cid);
    assertThat(searchIds(w, Map.of("field", "segment_id", "operator", "=", "value", "999999")))
        .isEmpty();
  }

  private static List<String> searchIds(Workspace w, Map<String, Object> query) {
    JsonNode found = ok(w.api().post("/contacts/search", Map.of("query", query)));
    List<String> ids = new ArrayList<>();
    found.path("data").forEach(c -> ids.add(c.path("id").asText()));
    assertThat(found.path("total_count").asInt()).isEqualTo(ids.size());
    return ids;
  }

  @Test
  void operatorsAddSegmentsAndTheirContactsThatTheApiListsWithCounts() {
    Workspace w = newWorkspace();
    assertThat(ok(w.api().get("/segments")).path("segments").size()).isZero();
    String users = segment(w, "Active users", "user");
    String leads = segment(w, "Warm leads", "lead");
    String ann = user(w);
    String bob = user(w);
    String lea = lead(w);
    addContact(w, users, ann);
    addContact(w, users, bob);
    addContact(w, users, bob); // a second time changes nothing
    addContact(w, leads, lea);

    JsonNode list = ok(w.api().get("/segments"));
    assertThat(list.path("type").asText()).isEqualTo("segment.list");
    JsonNode segments = list.path("segments");
    assertThat(segments.size()).isEqualTo(2);
    assertThat(segments.path(0).path("id").asText()).isEqualTo(users);
    assertThat(segments.path(0).path("name").asText()).isEqualTo("Active users");
    assertThat(segments.path(0).path("person_type").asText()).isEqualTo("user");
    assertThat(segments.path(0).has("count")).isFalse();
    assertThat(segments.path(1).path("person_type").asText()).isEqualTo("contact");
    assertThat(segments.path(0).path("created_at").asLong()).isPositive();

    JsonNode counted = ok(w.api().get("/segments?include_count=true")).path("segments");
    assertThat(counted.path(0).path("count").asLong()).isEqualTo(2);
    assertThat(counted.path(1).path("count").asLong()).isEqualTo(1);
    assertThat(
            ok(w.api().get("/segments?include_count=false")).path("segments").path(0).has("count"))
        .isFalse();
    error(w.api().get("/segments?include_count=maybe"), 400, "parameter_invalid", null);

    JsonNode one = ok(w.api().get("/segments/" + users));
    assertThat(one).isEqualTo(segments.path(0));

    JsonNode ofAnn = ok(w.api().get("/contacts/" + ann + "/segments"));
    assertThat(ofAnn.path("type").asText()).isEqualTo("list");
    assertThat(ofAnn.path("data").size()).isEqualTo(1);
    assertThat(ofAnn.path("data").path(0).path("id").asText()).isEqualTo(users);
    assertThat(
            ok(w.api().get("/contacts/" + lea + "/segments"))
                .path("data")
                .path(0)
                .path("id")
                .asText())
        .isEqualTo(leads);
    assertThat(ok(w.api().get("/contacts/" + user(w) + "/segments")).path("data").size()).isZero();

    Cli.Result removed =
        cli("segment", "remove-contact", "--workspace", w.name(), "--id", users, "--contact", bob);
    assertThat(removed.exitCode()).as(removed.output()).isZero();
    assertThat(
            ok(w.api().get("/segments?include_count=true"))
                .path("segments")
                .path(0)
                .path("count")
                .asLong())
        .isEqualTo(1);

    Cli.Result deleted = cli("segment", "delete", "--workspace", w.name(), "--id", leads);
    assertThat(deleted.exitCode()).as(deleted.output()).isZero();
    error(w.api().get("/segments/" + leads), 404, "not_found", "Resource Not Found");
    assertThat(ok(w.api().get("/contacts/" + lea + "/segments")).path("data").size()).isZero();
    assertThat(ok(w.api().get("/segments")).path("segments").size()).isEqualTo(1);
  }

  @Test
  void theSegmentCommandRefusesWhatCannotBeWithExitCode2() {
    Workspace w = newWorkspace();
    String users = segment(w, "Users", "user");
    String lea = lead(w);
    List<String[]> refused = new ArrayList<>();
    refused.add(new String[] {"segment", "create", "--workspace", w.name(), "--name", "Users"});
    refused.add(new String[] {"segment", "create", "--workspace", w.name(), "--name", " "});
    refused.add(
        new String[] {
          "segment", "create", "--workspace", w.name(), "--name", "X", "--person-type", "company"
        });
    refused.add(new String[] {"segment", "create", "--workspace", "no-such-ws", "--name", "Y"});
    refused.add(new String[] {"segment", "delete", "--workspace", w.name(), "--id", "999999"});
    refused.add(
        new String[] {
          "segment", "add-contact", "--workspace", w.name(), "--id", users, "--contact", lea
        });
    refused.add(
        new String[] {
          "segment", "add-contact", "--workspace", w.name(), "--id", users, "--contact", "nobody"
        });
    for (String[] args : refused) {
      Cli.Result result = cli(args);
      assertThat(result.exitCode())
          .as(String.join(" ", args) + ": " + result.output())
          .isEqualTo(2);
    }
    assertThat(cli(refused.get(5)).output()).contains("is a lead");
  }

  @Test
  void unknownSegmentsAndContactsAnswer404AndOtherWorkspacesSeeNothing() {
    Workspace w = newWorkspace();
    String users = segment(w, "Mine", "user");
    String ann = user(w);
    addContact(w, users, ann);
    error(w.api().get("/segments/999999"), 404, "not_found", "Resource Not Found");
    error(w.api().get("/segments/abc"), 404, "not_found", "Resource Not Found");
    error(w.api().get("/contacts/nobody/segments"), 404, "not_found", "User Not Found");

    Workspace other = newWorkspace();
    error(other.api().get("/segments/" + users), 404, "not_found", "Resource Not Found");
    error(other.api().get("/contacts/" + ann + "/segments"), 404, "not_found", "User Not Found");
    assertThat(ok(other.api().get("/segments")).path("segments").size()).isZero();
  }

  @Test
  void contactsOptInAndOutOfSubscriptionTypesAndDetachingForgetsTheChoice() {
    Workspace w = newWorkspace();
    assertThat(ok(w.api().get("/subscription_types")).path("data").size()).isZero();
    String news = subscriptionType(w, "Newsletters", "opt_out", "email");
    String sms = subscriptionType(w, "Offers", "opt_in", "sms_message,email");

    JsonNode types = ok(w.api().get("/subscription_types"));
    assertThat(types.path("type").asText()).isEqualTo("list");
    assertThat(types.path("data").size()).isEqualTo(2);
    JsonNode first = types.path("data").path(0);
    assertThat(first.path("id").asText()).isEqualTo(news);
    assertThat(first.path("consent_type").asText()).isEqualTo("opt_out");
    assertThat(first.path("default_translation").path("name").asText()).isEqualTo("Newsletters");
    assertThat(first.path("default_translation").path("description").asText())
        .isEqualTo("Newsletters about");
    assertThat(first.path("default_translation").path("locale").asText()).isEqualTo("en");
    assertThat(first.path("translations").size()).isEqualTo(1);
    assertThat(first.path("content_types").toString()).isEqualTo("[\"email\"]");
    assertThat(types.path("data").path(1).path("content_types").toString())
        .isEqualTo("[\"email\",\"sms_message\"]");

    String ann = user(w);
    assertThat(ok(w.api().get("/contacts/" + ann + "/subscriptions")).path("data").size()).isZero();
    JsonNode attached =
        ok(
            w.api()
                .post(
                    "/contacts/" + ann + "/subscriptions",
                    Map.of("id", news, "consent_type", "opt_out")));
    assertThat(attached).isEqualTo(first);
    // The description's example sends the id as an integer.
    ok(
        w.api()
            .post(
                "/contacts/" + ann + "/subscriptions",
                Map.of("id", Long.parseLong(sms), "consent_type", "opt_in")));
    ok(
        w.api()
            .post(
                "/contacts/" + ann + "/subscriptions",
                Map.of("id", sms, "consent_type", "opt_in"))); // twice: unchanged
    JsonNode chosen = ok(w.api().get("/contacts/" + ann + "/subscriptions"));
    assertThat(chosen.path("type").asText()).isEqualTo("list");
    assertThat(chosen.path("data").size()).isEqualTo(2);
    assertThat(chosen.path("data").path(1).path("id").asText()).isEqualTo(sms);

    JsonNode detached = ok(w.api().delete("/contacts/" + ann + "/subscriptions/" + news));
    assertThat(detached.path("id").asText()).isEqualTo(news);
    error(
        w.api().delete("/contacts/" + ann + "/subscriptions/" + news),
        404,
        "not_found",
        "Resource Not Found");
    JsonNode left = ok(w.api().get("/contacts/" + ann + "/subscriptions")).path("data");
    assertThat(left.size()).isEqualTo(1);
    assertThat(left.path(0).path("id").asText()).isEqualTo(sms);

    // Archived: still listed and kept by the contacts that chose it, no longer attached.
    JsonNode archived =
        cliJson("subscription-type", "archive", "--workspace", w.name(), "--id", sms);
    assertThat(archived.path("state").asText()).isEqualTo("archived");
    assertThat(ok(w.api().get("/subscription_types")).path("data").path(1).path("state").asText())
        .isEqualTo("archived");
    assertThat(ok(w.api().get("/contacts/" + ann + "/subscriptions")).path("data").size())
        .isEqualTo(1);
    error(
        w.api()
            .post(
                "/contacts/" + user(w) + "/subscriptions",
                Map.of("id", sms, "consent_type", "opt_in")),
        400,
        "parameter_invalid",
        null);

    // Deleted: gone with every choice about it.
    Cli.Result deleted = cli("subscription-type", "delete", "--workspace", w.name(), "--id", sms);
    assertThat(deleted.exitCode()).as(deleted.output()).isZero();
    assertThat(ok(w.api().get("/contacts/" + ann + "/subscriptions")).path("data").size()).isZero();
    assertThat(ok(w.api().get("/subscription_types")).path("data").size()).isEqualTo(1);
  }

  @Test
  void badSubscriptionRequestsAnswerIntercomsErrors() {
    Workspace w = newWorkspace();
    String news = subscriptionType(w, "News", "opt_out", "email");
    String ann = user(w);
    String path = "/contacts/" + ann + "/subscriptions";
    error(
        w.api()
            .post("/contacts/nobody/subscriptions", Map.of("id", news, "consent_type", "opt_out")),
        404,
        "not_found",
        "User Not Found");
    error(
        w.api().post(path, Map.of("id", "invalid_id", "consent_type", "opt_in")),
        404,
        "not_found",
        "Resource Not Found");
    error(
        w.api().post(path, Map.of("id", "999999", "consent_type", "opt_out")),
        404,
        "not_found",
        "Resource Not Found");
    error(w.api().post(path, Map.of("consent_type", "opt_out")), 400, "parameter_not_found", null);
    error(w.api().post(path, Map.of("id", news)), 400, "parameter_not_found", null);
    error(
        w.api().post(path, Map.of("id", news, "consent_type", "maybe")),
        400,
        "parameter_invalid",
        null);
    error(
        w.api().post(path, Map.of("id", news, "consent_type", "opt_in")),
        400,
        "parameter_invalid",
        null);
    error(w.api().post(path, "[1]"), 400, null, null);
    error(
        w.api().delete("/contacts/nobody/subscriptions/" + news),
        404,
        "not_found",
        "User Not Found");
    error(w.api().delete(path + "/abc"), 404, "not_found", "Resource Not Found");
    error(w.api().get("/contacts/nobody/subscriptions"), 404, "not_found", "User Not Found");

    Workspace other = newWorkspace();
    assertThat(ok(other.api().get("/subscription_types")).path("data").size()).isZero();
    error(
        other.api().post(path, Map.of("id", news, "consent_type", "opt_out")),
        404,
        "not_found",
        "User Not Found");
    String theirs = user(other);
    error(
        other
            .api()
            .post(
                "/contacts/" + theirs + "/subscriptions",
                Map.of("id", news, "consent_type", "opt_out")),
        404,
        "not_found",
        "Resource Not Found");

    for (String[] args :
        List.of(
            new String[] {"subscription-type", "create", "--workspace", w.name(), "--name", "News"},
            new String[] {
              "subscription-type",
              "create",
              "--workspace",
              w.name(),
              "--name",
              "N2",
              "--consent-type",
              "maybe"
            },
            new String[] {
              "subscription-type",
              "create",
              "--workspace",
              w.name(),
              "--name",
              "N3",
              "--content-types",
              "email,push"
            },
            new String[] {
              "subscription-type", "archive", "--workspace", w.name(), "--id", "999999"
            },
            new String[] {
              "subscription-type", "delete", "--workspace", w.name(), "--id", "999999"
            })) {
      Cli.Result result = cli(args);
      assertThat(result.exitCode())
          .as(String.join(" ", args) + ": " + result.output())
          .isEqualTo(2);
    }
  }

  @Test
  void deletingAContactErasesItsMembershipsAndChoicesAndAResetKeepsTheDefinitions() {
    Workspace w = newWorkspace();
    String users = segment(w, "Everyone", "user");
    String news = subscriptionType(w, "News", "opt_out", "email");
    String ann = user(w);
    addContact(w, users, ann);
    ok(
        w.api()
            .post(
                "/contacts/" + ann + "/subscriptions",
                Map.of("id", news, "consent_type", "opt_out")));
    ok(w.api().delete("/contacts/" + ann));
    assertThat(
            ok(w.api().get("/segments?include_count=true"))
                .path("segments")
                .path(0)
                .path("count")
                .asLong())
        .isZero();
    error(w.api().get("/contacts/" + ann + "/segments"), 404, "not_found", "User Not Found");
    error(w.api().get("/contacts/" + ann + "/subscriptions"), 404, "not_found", "User Not Found");

    String bob = user(w);
    addContact(w, users, bob);
    ApiResponse reset =
        raw(
            parley.process(),
            ParleyProcess.OPERATOR_TOKEN,
            "POST",
            "/_parley/workspaces/" + w.name() + "/reset",
            null);
    assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
    JsonNode kept = ok(w.api().get("/segments?include_count=true")).path("segments");
    assertThat(kept.size()).isEqualTo(1);
    assertThat(kept.path(0).path("count").asLong()).isZero();
    assertThat(ok(w.api().get("/subscription_types")).path("data").size()).isEqualTo(1);
  }
}
