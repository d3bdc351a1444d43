package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Cli;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives a real parley with Intercom's official Node SDK ({@code intercom-client}, pinned in {@code
 * src/test/node/package.json}) through {@code src/test/node/sdk-scenario-search-and-manage.mjs}:
 * conversation search, manage (close, snooze, open, assign), customers, redaction, contact
 * update/archive/search/delete, tag find/delete and admin away mode, each called the way an
 * integration written against Intercom calls it. The script prints what the SDK observed as one
 * {@code SCENARIO_RESULT} JSON line; the tests here check those values.
 *
 * <p>Without {@code node} and {@code npm} on the PATH every test is aborted (reported as skipped,
 * with the reason) after a loud message on standard error.
 */
class NodeSdkSearchAndManageScenarioTest {
  private static final String SCRIPT = "sdk-scenario-search-and-manage.mjs";

  @TempDir static Path root;
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static NodeSdk.Run scenario;

  /** Why the tests cannot run here (no node or npm), or null. */
  static String skipReason;

  @BeforeAll
  static void runScenario() throws Exception {
    // Aborted in @BeforeEach, not here: an abort in @BeforeAll is not counted as skipped
    // by Surefire, so the report would show no test at all.
    skipReason = NodeSdk.skipReason("NodeSdkSearchAndManageScenarioTest");
    if (skipReason != null) {
      return;
    }
    NodeSdk.install(root.resolve("npm-ci"));
    String otherAdmin =
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
    String admin = new Scenario(parley.api()).adminId();
    String team =
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
                    admin,
                    "--admin",
                    otherAdmin));
    scenario =
        NodeSdk.scenario(
            SCRIPT,
            Map.of(
                "PARLEY_BASE_URL",
                parley.process().baseUrl(),
                "PARLEY_TOKEN",
                parley.process().token(),
                "PARLEY_TEAM_ID",
                team,
                "PARLEY_OTHER_ADMIN_ID",
                otherAdmin),
            root.resolve("scenario"));
  }

  @BeforeEach
  void skipWithoutNode() {
    if (skipReason != null) {
      Assumptions.abort(skipReason);
    }
  }

  @Test
  void theSdkScenarioRunsToItsEndWithoutAnSdkError() {
    assertThat(result().path("sdk_version").asText()).startsWith("7.");
  }

  @Test
  void theSdkSearchWithANestedAndOrQueryWalksThreePagesThroughStartingAfterAndSeesEveryIdOnce() {
    JsonNode result = result();
    List<String> made = texts(result.path("searchable_ids"));
    assertThat(made).hasSize(7).doesNotHaveDuplicates();
    List<String> searched = texts(result.path("searched_ids"));
    assertThat(searched)
        .as("every open conversation with the word, once")
        .hasSize(7)
        .containsExactlyInAnyOrderElementsOf(made);
    List<String> newestFirst = new ArrayList<>(made);
    Collections.reverse(newestFirst);
    assertThat(searched).as("newest first").containsExactlyElementsOf(newestFirst);
    assertThat(searched)
        .as("the closed one is outside the OR group")
        .doesNotContain(result.path("closed_searchable_id").asText());
    assertThat(result.path("search_total_count").asInt()).isEqualTo(7);
  }

  @Test
  void eachSearchPageIsRequestedWithTheCursorThePreviousPageGaveAndTheLastHasNoNext() {
    JsonNode pages = result().path("search_pages");
    assertThat(pages.size()).as("7 results, 3 per page: %s", pages).isEqualTo(3);
    assertThat(pages.path(0).path("request_starting_after").isNull()).isTrue();
    for (int i = 0; i < 3; i++) {
      JsonNode page = pages.path(i);
      assertThat(page.path("status").asInt()).isEqualTo(200);
      assertThat(page.path("request_per_page").asInt()).isEqualTo(3);
      assertThat(page.path("page").asInt()).isEqualTo(i + 1);
      assertThat(page.path("total_pages").asInt()).isEqualTo(3);
      assertThat(page.path("ids").size()).isEqualTo(i < 2 ? 3 : 1);
      if (i > 0) {
        String cursor = pages.path(i - 1).path("next_starting_after").asText();
        assertThat(cursor).isNotBlank();
        assertThat(page.path("request_starting_after").asText()).isEqualTo(cursor);
      }
    }
    assertThat(pages.path(2).path("next_starting_after").isNull()).as("the end").isTrue();
  }

  @Test
  void manageCloseClosesWithTheAdminsCloseBody() {
    JsonNode result = result();
    JsonNode closed = result.path("closed");
    assertThat(closed.path("id").asText()).isEqualTo(result.path("managed_id").asText());
    assertThat(closed.path("state").asText()).isEqualTo("closed");
    assertThat(closed.path("open").asBoolean()).isFalse();
    assertThat(closed.path("last_part").path("part_type").asText()).isEqualTo("close");
    assertThat(closed.path("last_part").path("body").asText()).isEqualTo("Closing from the SDK.");
    assertThat(closed.path("last_part").path("author_id").asText())
        .isEqualTo(result.path("admin_id").asText());
    assertThat(closed.path("last_part").path("author_type").asText()).isEqualTo("admin");
  }

  @Test
  void manageSnoozedKeepsOpenTrueWithTheSnoozedUntilSent() {
    JsonNode result = result();
    JsonNode snoozed = result.path("snoozed");
    assertThat(snoozed.path("state").asText()).isEqualTo("snoozed");
    assertThat(snoozed.path("open").asBoolean()).isTrue();
    assertThat(snoozed.path("snoozed_until").asLong())
        .isEqualTo(result.path("snooze_until").asLong());
    assertThat(snoozed.path("last_part").path("part_type").asText()).isEqualTo("snoozed");
  }

  @Test
  void manageOpenReopensAndClearsTheSnooze() {
    JsonNode opened = result().path("opened");
    assertThat(opened.path("state").asText()).isEqualTo("open");
    assertThat(opened.path("open").asBoolean()).isTrue();
    assertThat(opened.path("snoozed_until").isNull()).isTrue();
    assertThat(texts(opened.path("part_types"))).containsExactly("close", "snoozed", "open");
  }

  @Test
  void manageAssignmentToAnAdminSetsTheIntegerAdminAssigneeAndAnAssignmentPart() {
    JsonNode result = result();
    JsonNode assigned = result.path("assigned_admin");
    assertThat(assigned.path("admin_assignee_id").isIntegralNumber()).as("%s", assigned).isTrue();
    assertThat(assigned.path("admin_assignee_id").asText())
        .isEqualTo(result.path("other_admin_id").asText());
    assertThat(assigned.path("state").asText()).isEqualTo("open");
    assertThat(assigned.path("last_part").path("part_type").asText()).isEqualTo("assignment");
    assertThat(assigned.path("last_part").path("assigned_to_type").asText()).isEqualTo("admin");
    assertThat(assigned.path("last_part").path("assigned_to_id").asText())
        .isEqualTo(result.path("other_admin_id").asText());
  }

  @Test
  void manageAssignmentToTheCliTeamSetsTheIntegerTeamAssignee() {
    JsonNode result = result();
    JsonNode assigned = result.path("assigned_team");
    assertThat(assigned.path("team_assignee_id").isIntegralNumber()).as("%s", assigned).isTrue();
    assertThat(assigned.path("team_assignee_id").asText())
        .isEqualTo(result.path("team_id").asText());
    assertThat(assigned.path("last_part").path("part_type").asText()).isEqualTo("assignment");
    assertThat(assigned.path("last_part").path("assigned_to_type").asText()).isEqualTo("team");
    assertThat(assigned.path("last_part").path("assigned_to_id").asText())
        .isEqualTo(result.path("team_id").asText());
  }

  @Test
  void assigningAClosedConversationReopensItWithAssignAndReopen() {
    JsonNode result = result();
    assertThat(result.path("closed_again").path("state").asText()).isEqualTo("closed");
    JsonNode reopened = result.path("reassigned_reopened");
    assertThat(reopened.path("state").asText()).isEqualTo("open");
    assertThat(reopened.path("open").asBoolean()).isTrue();
    assertThat(reopened.path("admin_assignee_id").asText())
        .isEqualTo(result.path("admin_id").asText());
    assertThat(reopened.path("last_part").path("part_type").asText())
        .isEqualTo("assign_and_reopen");
    assertThat(reopened.path("last_part").path("assigned_to_id").asText())
        .isEqualTo(result.path("admin_id").asText());
  }

  @Test
  void assigneeIdZeroUnassignsTheAdmin() {
    JsonNode unassigned = result().path("unassigned");
    assertThat(unassigned.path("admin_assignee_id").isNull()).as("%s", unassigned).isTrue();
    assertThat(unassigned.path("state").asText()).isEqualTo("open");
    assertThat(unassigned.path("last_part").path("part_type").asText()).isEqualTo("assignment");
    assertThat(unassigned.path("last_part").path("assigned_to_id").isNull()).isTrue();
  }

  @Test
  void attachingAnUnknownEmailCreatesALeadOnTheConversationAndAttachingTwiceAddsNoDuplicate() {
    JsonNode result = result();
    String contact = result.path("contact_id").asText();
    String lead = result.path("lead_id").asText();
    assertThat(lead).matches("[0-9a-f]{24}").isNotEqualTo(contact);
    assertThat(texts(result.path("attached_contact_ids"))).containsExactly(contact, lead);
    assertThat(result.path("lead_role").asText()).isEqualTo("lead");
    assertThat(result.path("lead_contact_email").asText())
        .isEqualTo(result.path("lead_email").asText());
    assertThat(texts(result.path("attached_again_contact_ids"))).containsExactly(contact, lead);
  }

  @Test
  void detachingRemovesTheContactButNeverTheLastCustomer() {
    JsonNode result = result();
    assertThat(texts(result.path("detached_contact_ids")))
        .containsExactly(result.path("contact_id").asText());
    JsonNode last = result.path("detach_last");
    assertThat(last.path("failed").asBoolean()).as("%s", last).isTrue();
    assertThat(last.path("status").asInt()).isEqualTo(422);
    assertThat(last.path("body").path("type").asText()).isEqualTo("error.list");
    assertThat(last.path("body").path("errors").path(0).path("code").asText())
        .isEqualTo("parameter_invalid");
    assertThat(last.path("body").path("errors").path(0).path("message").asText())
        .isEqualTo("Removing the last customer is not allowed");
  }

  @Test
  void aRedactedPartKeepsItsPlaceAndIdWithRedactedTrueAndItsTextReplaced() {
    JsonNode result = result();
    String secret = result.path("secret_reply").asText();
    assertThat(result.path("reply_part_body").asText()).contains(secret);
    JsonNode fromResponse = result.path("redact_part_response");
    assertThat(fromResponse.path("id").asText())
        .isEqualTo(result.path("redacted_conversation_id").asText());
    assertThat(fromResponse.path("type").asText()).isEqualTo("conversation");
    assertThat(fromResponse.path("part").path("redacted").asBoolean())
        .as("%s", fromResponse)
        .isTrue();
    assertThat(fromResponse.path("part").path("body").asText()).doesNotContain(secret).isNotBlank();
    JsonNode after = result.path("after_redaction");
    assertThat(texts(after.path("part_ids")))
        .containsExactly(result.path("reply_part_id").asText());
    assertThat(after.path("part_redacted").asBoolean()).isTrue();
    assertThat(after.path("part_body").asText())
        .doesNotContain(secret)
        .isEqualTo(fromResponse.path("part").path("body").asText());
    assertThat(after.path("part_author_id").asText()).isEqualTo(result.path("admin_id").asText());
  }

  @Test
  void aRedactedContactSourceHasItsTextReplaced() {
    JsonNode result = result();
    assertThat(result.path("source_body_before").asText()).contains("Searchable pagedword");
    assertThat(result.path("redact_source_response").path("source_body").asText())
        .doesNotContain("pagedword")
        .isNotBlank();
    JsonNode after = result.path("after_redaction");
    assertThat(after.path("source_body").asText()).doesNotContain("pagedword").isNotBlank();
    assertThat(after.path("source_redacted").asBoolean()).as("%s", after).isTrue();
  }

  @Test
  void redactingAnUnknownPartIsConversationPartOrMessageNotFound() {
    JsonNode missing = result().path("redact_missing");
    assertThat(missing.path("failed").asBoolean()).as("%s", missing).isTrue();
    assertThat(missing.path("status").asInt()).isEqualTo(404);
    assertThat(missing.path("body").path("errors").path(0).path("code").asText())
        .isEqualTo("conversation_part_or_message_not_found");
  }

  @Test
  void contactsUpdateChangesNameAndPhoneAndKeepsTheEmail() {
    JsonNode result = result();
    JsonNode updated = result.path("updated");
    assertThat(updated.path("id").asText()).isEqualTo(result.path("contact_id").asText());
    assertThat(updated.path("name").asText()).isEqualTo("Ada After");
    assertThat(updated.path("phone").asText()).isEqualTo("+15550100");
    assertThat(updated.path("email").asText())
        .startsWith("search-manage-")
        .endsWith("@example.com");
  }

  @Test
  void contactsArchiveAndUnarchiveAnswerWithTheArchivedFlag() {
    JsonNode result = result();
    String contact = result.path("contact_id").asText();
    assertThat(result.path("archived").path("id").asText()).isEqualTo(contact);
    assertThat(result.path("archived").path("type").asText()).isEqualTo("contact");
    assertThat(result.path("archived").path("archived").isBoolean()).isTrue();
    assertThat(result.path("archived").path("archived").asBoolean()).isTrue();
    assertThat(result.path("unarchived").path("id").asText()).isEqualTo(contact);
    assertThat(result.path("unarchived").path("archived").isBoolean()).isTrue();
    assertThat(result.path("unarchived").path("archived").asBoolean()).isFalse();
  }

  @Test
  void theContactIsFoundByItsExternalIdWithTheUpdatedFields() {
    JsonNode result = result();
    JsonNode found = result.path("by_external");
    assertThat(found.path("id").asText()).isEqualTo(result.path("contact_id").asText());
    assertThat(found.path("external_id").asText()).startsWith("ext-");
    assertThat(found.path("name").asText()).isEqualTo("Ada After");
    assertThat(found.path("phone").asText()).isEqualTo("+15550100");
  }

  @Test
  void contactsSearchFindsTheUserByANestedQueryAndTheCreatedLeadByEmail() {
    JsonNode result = result();
    assertThat(texts(result.path("contact_search_ids")))
        .containsExactly(result.path("contact_id").asText());
    JsonNode leads = result.path("lead_search");
    assertThat(leads.size()).as("%s", leads).isEqualTo(1);
    assertThat(leads.path(0).path("id").asText()).isEqualTo(result.path("lead_id").asText());
    assertThat(leads.path(0).path("role").asText()).isEqualTo("lead");
  }

  @Test
  void aDeletedContactAnswersDeletedTrueAndIsThenNotFound() {
    JsonNode result = result();
    String id = result.path("deleted_contact_id").asText();
    assertThat(result.path("deleted").path("id").asText()).isEqualTo(id);
    assertThat(result.path("deleted").path("deleted").asBoolean()).isTrue();
    assertThat(result.path("deleted").path("type").asText()).isEqualTo("contact");
    JsonNode find = result.path("find_deleted");
    assertThat(find.path("failed").asBoolean()).as("%s", find).isTrue();
    assertThat(find.path("status").asInt()).isEqualTo(404);
    assertThat(find.path("body").path("errors").path(0).path("code").asText())
        .isEqualTo("not_found");
  }

  @Test
  void tagsFindReturnsTheTagAndTagsDeleteDetachesItFromTheConversation() {
    JsonNode result = result();
    String tagName = result.path("tag_name").asText();
    assertThat(result.path("tagged_id").asText()).isEqualTo(result.path("tag_id").asText());
    assertThat(result.path("found_tag").path("id").asText())
        .isEqualTo(result.path("tag_id").asText());
    assertThat(result.path("found_tag").path("name").asText()).isEqualTo(tagName);
    assertThat(result.path("found_tag").path("type").asText()).isEqualTo("tag");
    assertThat(texts(result.path("tag_names_before_delete"))).containsExactly(tagName);
    assertThat(result.path("tag_delete_status").asInt()).isEqualTo(200);
    assertThat(texts(result.path("tag_names_after_delete"))).isEmpty();
    JsonNode find = result.path("find_deleted_tag");
    assertThat(find.path("failed").asBoolean()).as("%s", find).isTrue();
    assertThat(find.path("status").asInt()).isEqualTo(404);
  }

  @Test
  void adminsAwayTurnsAwayModeOnAndOffAndTheAdminShowsTheLastValue() {
    JsonNode result = result();
    String admin = result.path("admin_id").asText();
    assertThat(result.path("away").path("id").asText()).isEqualTo(admin);
    assertThat(result.path("away").path("away_mode_enabled").asBoolean()).isTrue();
    assertThat(result.path("away").path("away_mode_reassign").asBoolean()).isTrue();
    assertThat(result.path("back").path("id").asText()).isEqualTo(admin);
    assertThat(result.path("back").path("away_mode_enabled").asBoolean()).isFalse();
    assertThat(result.path("back").path("away_mode_reassign").asBoolean()).isFalse();
    assertThat(result.path("found_admin_away").isBoolean()).isTrue();
    assertThat(result.path("found_admin_away").asBoolean()).isFalse();
  }

  private static JsonNode result() {
    return NodeSdk.result(SCRIPT, scenario, parley.process().log());
  }

  private static List<String> texts(JsonNode array) {
    return NodeSdk.texts(array);
  }

  /** The id at the end of a CLI command's last output line ("... created: <id>"). */
  private static String idOf(Cli.Result result) {
    assertThat(result.exitCode()).as(result.output()).isZero();
    String[] lines = result.output().strip().split("\n");
    String line = lines[lines.length - 1].strip();
    return line.substring(line.lastIndexOf(' ') + 1);
  }
}
