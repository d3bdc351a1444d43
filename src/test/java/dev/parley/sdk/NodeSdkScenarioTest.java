package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives a real parley with Intercom's official Node SDK ({@code intercom-client}, pinned in {@code
 * src/test/node/package.json}) through {@code src/test/node/sdk-scenario.mjs}: create a contact, a
 * conversation from it, an admin reply with a file, a tag on the conversation, then retrieve and
 * list; then delete another conversation ({@code deleteConversation}), find it and delete it again.
 * The script prints what the SDK observed as one {@code SCENARIO_RESULT} JSON line; the tests here
 * check those values, and fetch the attachment's bytes.
 *
 * <p>Without {@code node} and {@code npm} on the PATH every test is aborted (reported as skipped,
 * with the reason) after a loud message on standard error.
 */
class NodeSdkScenarioTest {

  @TempDir static Path root;
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static NodeSdk.Run scenario;

  /** Why the tests cannot run here (no node or npm), or null. */
  static String skipReason;

  @BeforeAll
  static void runScenario() throws Exception {
    // Aborted in @BeforeEach, not here: an abort in @BeforeAll is not counted as skipped
    // by Surefire, so the report would show no test at all.
    skipReason = NodeSdk.skipReason("NodeSdkScenarioTest");
    if (skipReason != null) {
      return;
    }
    // A segment and a subscription type for the SDK to list, find and attach (operators add them).
    for (String[] args :
        List.of(
            new String[] {"segment", "create", "--workspace", "default", "--name", "SDK segment"},
            new String[] {
              "subscription-type",
              "create",
              "--workspace",
              "default",
              "--name",
              "SDK news",
              "--consent-type",
              "opt_in",
              "--content-types",
              "email"
            },
            new String[] {
              "visitor", "create", "--workspace", "default", "--user-id", "sdk-visitor"
            })) {
      var seeded = parley.process().cli(args);
      if (seeded.exitCode() != 0) {
        throw new AssertionError(seeded.output());
      }
    }
    scenario = NodeSdk.installAndRun("sdk-scenario.mjs", parley.process(), root);
  }

  @BeforeEach
  void skipWithoutNode() {
    if (skipReason != null) {
      Assumptions.abort(skipReason);
    }
  }

  @Test
  void theSdkScenarioRunsToItsEndWithoutAnSdkError() {
    JsonNode result = result();
    assertThat(result.path("sdk_version").asText()).startsWith("7.");
  }

  @Test
  void theSdkWritesListsAndFindsNotesAndTagsAndUntagsAContact() {
    JsonNode result = result();
    String contact = result.path("contact_id").asText();
    JsonNode note = result.path("note");
    assertThat(note.path("type").asText()).isEqualTo("note");
    assertThat(note.path("body").asText()).isEqualTo("<p>First note from the SDK</p>");
    assertThat(note.path("contact").path("id").asText()).isEqualTo(contact);
    assertThat(note.path("author").path("id").asText()).isEqualTo(result.path("admin_id").asText());
    assertThat(result.path("second_note_body").asText()).isEqualTo("<p>Second <b>note</b></p>");
    assertThat(texts(result.path("listed_note_ids")))
        .as("newest first, one per page")
        .containsExactly(result.path("second_note_id").asText(), note.path("id").asText());
    assertThat(result.path("note_list_requests").asInt())
        .as("two pages of one, then an empty page")
        .isEqualTo(3);
    assertThat(result.path("found_note")).isEqualTo(note);
    assertThat(result.path("note_of_nobody").path("not_found_error").asBoolean()).isTrue();
    assertThat(result.path("note_of_nobody").path("status").asInt()).isEqualTo(404);

    String tag = result.path("tag_id").asText();
    assertThat(result.path("contact_tagged").path("id").asText()).isEqualTo(tag);
    assertThat(result.path("contact_tagged").path("applied_by").path("id").asText())
        .isEqualTo(result.path("admin_id").asText());
    assertThat(texts(result.path("attached_tag_ids"))).containsExactly(tag);
    assertThat(result.path("contact_untagged_id").asText()).isEqualTo(tag);
    String bulk = result.path("bulk_tag_id").asText();
    assertThat(result.path("bulk_tag_name").asText())
        .isEqualTo(result.path("tag_name").asText() + "-bulk");
    JsonNode tags = result.path("contact_after_tags");
    assertThat(tags.path("total_count").asInt()).isEqualTo(1);
    assertThat(tags.path("data").path(0).path("id").asText()).isEqualTo(bulk);
    assertThat(tags.path("url").asText()).isEqualTo("/contacts/" + contact + "/tags");
    assertThat(result.path("contact_after_notes").path("total_count").asInt()).isEqualTo(2);
  }

  @Test
  void theSdksEventsCallsSubmitListAndSummarizeAContactsDataEvents() {
    JsonNode result = result();
    String contact = result.path("contact_id").asText();
    JsonNode list = result.path("event_list");
    assertThat(list.path("type").asText()).isEqualTo("event.list");
    assertThat(list.path("intercom_user_id").asText()).isEqualTo(contact);
    List<String> names = new ArrayList<>();
    list.path("events").forEach(e -> names.add(e.path("event_name").asText()));
    assertThat(names)
        .as("newest first, the duplicate ignored")
        .containsExactly("signed-in", "placed-order");
    JsonNode order = list.path("events").path(1);
    assertThat(order.path("created_at").asLong()).isEqualTo(1_700_000_000L);
    assertThat(order.path("metadata").path("order_number").asText()).isEqualTo("A-1");
    assertThat(order.path("metadata").path("price").path("amount").asLong()).isEqualTo(34999);
    JsonNode summary = result.path("event_summary");
    assertThat(summary.path("type").asText()).isEqualTo("event.summary");
    assertThat(summary.path("intercom_user_id").asText())
        .isEqualTo(result.path("event_user_id").asText());
    assertThat(summary.path("events").size()).isEqualTo(1);
    JsonNode opened = summary.path("events").path(0);
    assertThat(opened.path("name").asText()).isEqualTo("opened-app");
    assertThat(opened.path("count").asInt()).isEqualTo(3);
    assertThat(opened.path("first").asText()).isEqualTo("2020-09-13T12:26:40.000+00:00");
    assertThat(opened.path("last").asText()).isEqualTo("2020-09-13T12:35:00.000+00:00");
  }

  @Test
  void theSdkFindsUpdatesAndConvertsAVisitor() {
    JsonNode result = result();
    JsonNode found = result.path("found_visitor");
    assertThat(found.path("type").asText()).isEqualTo("visitor");
    assertThat(found.path("user_id").asText()).isEqualTo("sdk-visitor");
    String id = found.path("id").asText();
    assertThat(result.path("updated_visitor").path("id").asText()).isEqualTo(id);
    assertThat(result.path("updated_visitor").path("name").asText()).isEqualTo("SDK visitor");
    JsonNode converted = result.path("converted_visitor");
    assertThat(converted.path("type").asText()).isEqualTo("contact");
    assertThat(converted.path("id").asText()).isEqualTo(id);
    assertThat(converted.path("role").asText()).isEqualTo("user");
    assertThat(converted.path("external_id").asText()).isEqualTo("sdk-visitor-user");
    assertThat(converted.path("email").asText()).isEqualTo("sdk-visitor@example.com");
    assertThat(converted.path("name").asText()).isEqualTo("SDK visitor");
  }

  @Test
  void theSdkListsAndFindsSegmentsAndAttachesAndDetachesASubscription() {
    JsonNode result = result();
    JsonNode segments = result.path("segment_list");
    assertThat(segments.path("type").asText()).isEqualTo("segment.list");
    assertThat(segments.path("segments").size()).isEqualTo(1);
    JsonNode segment = segments.path("segments").path(0);
    assertThat(segment.path("name").asText()).isEqualTo("SDK segment");
    assertThat(segment.path("person_type").asText()).isEqualTo("user");
    assertThat(segment.path("count").asInt()).isZero();
    assertThat(result.path("found_segment").path("id").asText())
        .isEqualTo(segment.path("id").asText());
    assertThat(result.path("contact_segments").path("type").asText()).isEqualTo("list");
    assertThat(result.path("contact_segments").path("data").size()).isZero();

    JsonNode types = result.path("subscription_types").path("data");
    assertThat(types.size()).isEqualTo(1);
    JsonNode type = types.path(0);
    assertThat(type.path("type").asText()).isEqualTo("subscription");
    assertThat(type.path("default_translation").path("name").asText()).isEqualTo("SDK news");
    assertThat(type.path("consent_type").asText()).isEqualTo("opt_in");
    assertThat(result.path("attached_subscription")).isEqualTo(type);
    JsonNode chosen = result.path("contact_subscriptions").path("data");
    assertThat(chosen.size()).isEqualTo(1);
    assertThat(chosen.path(0).path("id").asText()).isEqualTo(type.path("id").asText());
    assertThat(result.path("detached_subscription")).isEqualTo(type);
  }

  @Test
  void theSdkListsTheWorkspacesAwayStatusReasonsOfWhichANewWorkspaceHasNone() {
    JsonNode reasons = result().path("away_status_reasons");
    assertThat(reasons.path("type").asText()).isEqualTo("list");
    assertThat(reasons.path("data").isArray()).isTrue();
    assertThat(reasons.path("data").size()).isZero();
  }

  @Test
  void theSdkListsTheActivityLogWithTheConversationItDeleted() {
    JsonNode logs = result().path("activity_logs");
    assertThat(logs.path("type").asText()).isEqualTo("activity_log.list");
    List<String> deleted = new java.util.ArrayList<>();
    for (JsonNode entry : logs.path("activity_logs")) {
      if (entry.path("activity_type").asText().equals("app_data_deletion")
          && entry.path("metadata").path("object_type").asText().equals("conversation")) {
        deleted.add(entry.path("metadata").path("object_id").asText());
      }
    }
    assertThat(deleted).contains(result().path("deleted_conversation_id").asText());
  }

  @Test
  void theSdkMergesALeadIntoAUserBlocksItAndManagesADataAttribute() {
    JsonNode result = result();
    String user = result.path("merge_user_id").asText();
    JsonNode merged = result.path("merged");
    assertThat(merged.path("id").asText()).isEqualTo(user);
    assertThat(merged.path("role").asText()).isEqualTo("user");
    assertThat(merged.path("notes").path("total_count").asInt()).isEqualTo(1);
    JsonNode find = result.path("merged_lead_find");
    assertThat(find.path("status").asInt()).isEqualTo(404);
    assertThat(find.path("code").asText()).isEqualTo("not_found");
    assertThat(result.path("blocked").path("id").asText()).isEqualTo(user);
    assertThat(result.path("blocked").path("blocked").asBoolean()).isTrue();
    JsonNode created = result.path("data_attribute");
    assertThat(created.path("type").asText()).isEqualTo("data_attribute");
    assertThat(created.path("data_type").asText()).isEqualTo("integer");
    assertThat(created.path("custom").asBoolean()).isTrue();
    String fullName = created.path("full_name").asText();
    assertThat(fullName).startsWith("custom_attributes.sdk_seats_");
    JsonNode updated = result.path("data_attribute_updated");
    assertThat(updated.path("id").asLong()).isEqualTo(created.path("id").asLong());
    assertThat(updated.path("archived").asBoolean()).isTrue();
    assertThat(updated.path("description").asText()).isEqualTo("Archived");
    List<String> names = new ArrayList<>();
    result.path("data_attribute_names").forEach(n -> names.add(n.asText()));
    assertThat(names).contains("email", fullName);
  }

  @Test
  void theSdkCreatesUpdatesListsAttachesDetachesAndDeletesACompany() {
    JsonNode result = result();
    String contact = result.path("contact_id").asText();
    JsonNode company = result.path("company");
    String id = company.path("id").asText();
    assertThat(company.path("type").asText()).isEqualTo("company");
    assertThat(id).matches("[0-9a-f]{24}");
    assertThat(company.path("name").asText()).isEqualTo("SDK Company");
    assertThat(company.path("plan").path("name").asText()).isEqualTo("Pro");
    assertThat(company.path("size").asInt()).isEqualTo(12);
    assertThat(result.path("company_again_id").asText())
        .as("same company_id, same company")
        .isEqualTo(id);
    assertThat(result.path("company_again_industry").asText()).isEqualTo("Software");
    assertThat(texts(result.path("retrieved_company_ids"))).containsExactly(id);
    assertThat(result.path("found_company_id").asText()).isEqualTo(id);
    String companyTag = result.path("company_tag_id").asText();
    assertThat(result.path("company_tag_name").asText())
        .isEqualTo(result.path("tag_name").asText() + "-company");
    assertThat(result.path("company_untag_id").asText()).isEqualTo(companyTag);
    assertThat(result.path("tagged_company_tags").path("type").asText()).isEqualTo("tag.list");
    List<String> companyTagIds = new ArrayList<>();
    result
        .path("tagged_company_tags")
        .path("tags")
        .forEach(t -> companyTagIds.add(t.path("id").asText()));
    assertThat(companyTagIds).containsExactly(companyTag);
    assertThat(result.path("untagged_company_tags").path("tags").size()).isZero();
    assertThat(result.path("updated_company_website").asText()).isEqualTo("https://sdk.example");
    assertThat(result.path("attached_company_user_count").asInt()).isEqualTo(1);
    assertThat(texts(result.path("company_contact_ids"))).containsExactly(contact);
    assertThat(result.path("company_segments").size()).isZero();
    assertThat(texts(result.path("contact_company_ids")))
        .as("the SDK's page pager stops at the empty page")
        .containsExactly(id);
    assertThat(result.path("contact_companies").path("total_count").asInt()).isEqualTo(1);
    assertThat(result.path("contact_companies").path("data").path(0).path("id").asText())
        .isEqualTo(id);
    assertThat(texts(result.path("listed_company_ids"))).contains(id);
    assertThat(texts(result.path("scrolled_company_ids"))).contains(id);
    assertThat(result.path("detached_company_user_count").asInt()).isZero();
    assertThat(result.path("deleted_company").path("id").asText()).isEqualTo(id);
    assertThat(result.path("deleted_company").path("deleted").asBoolean()).isTrue();
    assertThat(result.path("deleted_company_find").path("not_found_error").asBoolean()).isTrue();
    assertThat(result.path("deleted_company_find").path("code").asText())
        .isEqualTo("company_not_found");
  }

  @Test
  void theSdkSearchWithANestedQueryWalksEveryPageToTheEndWithoutSkipOrRepeat() {
    JsonNode result = result();
    List<String> made = texts(result.path("searchable_ids"));
    assertThat(made).hasSize(3);
    assertThat(texts(result.path("searched_ids")))
        .as("newest first")
        .containsExactly(made.get(2), made.get(1), made.get(0));
    assertThat(result.path("search_total_count").asInt()).isEqualTo(3);
    assertThat(result.path("search_requests").asInt()).as("two pages of two").isEqualTo(2);
  }

  @Test
  void theSdkContactSearchFindsTheContactByItsEmail() {
    JsonNode result = result();
    assertThat(texts(result.path("contact_search_ids")))
        .containsExactly(result.path("contact_id").asText());
  }

  @Test
  void theSdkCreatesAUserContactWithItsEmail() {
    JsonNode result = result();
    assertThat(result.path("contact_type").asText()).isEqualTo("contact");
    assertThat(result.path("contact_role").asText()).isEqualTo("user");
    assertThat(result.path("contact_email").asText()).startsWith("sdk-").endsWith("@example.com");
    assertThat(result.path("contact_id").asText()).matches("[0-9a-f]{24}");
  }

  @Test
  void theConversationTheSdkCreatedIsRetrievedWithItsSourceAndContact() {
    JsonNode result = result();
    String id = result.path("conversation_id").asText();
    assertThat(id).isNotEmpty();
    assertThat(result.path("message_type").asText()).isEqualTo("user_message");
    assertThat(result.path("retrieved_type").asText()).isEqualTo("conversation");
    assertThat(result.path("retrieved_id").asText()).isEqualTo(id);
    assertThat(result.path("source_body").asText()).contains("I need help from the SDK scenario");
    assertThat(result.path("source_author_id").asText())
        .isEqualTo(result.path("contact_id").asText());
    assertThat(texts(result.path("contacts"))).containsExactly(result.path("contact_id").asText());
  }

  @Test
  void theAdminReplyIsTheOnlyPartAndCarriesTheOneUploadedFile() {
    JsonNode result = result();
    assertThat(result.path("reply_type").asText()).isEqualTo("conversation");
    assertThat(result.path("parts_count").asInt()).isEqualTo(1);
    assertThat(result.path("parts_total_count").asInt()).isEqualTo(1);
    assertThat(texts(result.path("part_types"))).containsExactly("comment");
    assertThat(result.path("reply_body").asText()).contains("Here is the file you asked for.");
    assertThat(result.path("reply_author_id").asText()).isEqualTo(result.path("admin_id").asText());
    assertThat(result.path("attachment_count").asInt()).isEqualTo(1);
    assertThat(result.path("attachment_name").asText()).isEqualTo("sdk-note.txt");
    assertThat(result.path("attachment_content_type").asText()).isEqualTo("text/plain");
  }

  @Test
  void theAttachmentFilesizeIsTheNumberOfBytesTheSdkSent() {
    JsonNode result = result();
    byte[] sent = sentBytes(result);
    assertThat(sent.length).isGreaterThan(0);
    assertThat(result.path("sent_filesize").asInt()).isEqualTo(sent.length);
    assertThat(result.path("attachment_filesize").isIntegralNumber())
        .as("filesize is an integer: %s", result.path("attachment_filesize"))
        .isTrue();
    assertThat(result.path("attachment_filesize").asLong()).isEqualTo(sent.length);
  }

  @Test
  void theReplyResponseAlreadyShowsTheAttachmentAsTheRetrievedConversationDoes() {
    JsonNode result = result();
    JsonNode fromReply = result.path("reply_attachment");
    assertThat(fromReply.isObject()).as("reply_attachment: %s", fromReply).isTrue();
    assertThat(fromReply.path("name").asText()).isEqualTo(result.path("attachment_name").asText());
    assertThat(fromReply.path("filesize").asLong())
        .isEqualTo(result.path("attachment_filesize").asLong());
    assertThat(fromReply.path("url").asText()).isEqualTo(result.path("attachment_url").asText());
  }

  @Test
  void theAttachmentUrlServesExactlyTheBytesTheSdkUploaded() throws Exception {
    JsonNode result = result();
    byte[] sent = sentBytes(result);
    String url = result.path("attachment_url").asText();
    assertThat(url).startsWith(parley.process().baseUrl() + "/");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<byte[]> download =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(download.body()).isEqualTo(sent);
    assertThat(new String(download.body(), StandardCharsets.UTF_8))
        .startsWith("Hello from intercom-client 7.");
  }

  @Test
  void theTagTheSdkCreatedIsOnTheRetrievedConversation() {
    JsonNode result = result();
    String tagName = result.path("tag_name").asText();
    assertThat(tagName).startsWith("sdk-tag-");
    assertThat(result.path("tag_type").asText()).isEqualTo("tag");
    assertThat(result.path("tagged_id").asText()).isEqualTo(result.path("tag_id").asText());
    assertThat(result.path("tagged_name").asText()).isEqualTo(tagName);
    assertThat(texts(result.path("tag_names"))).containsExactly(tagName);
  }

  @Test
  void theSdkListOfConversationsContainsTheNewConversation() {
    JsonNode result = result();
    assertThat(result.path("listed_contains_conversation").asBoolean()).isTrue();
    assertThat(result.path("listed_count").asInt()).isEqualTo(1);
  }

  @Test
  void theConversationTheSdkBuiltMatchesIntercomsDescriptionWhenRetrievedDirectly() {
    JsonNode result = result();
    // The test client validates every response against Intercom's 2.14 description.
    ApiResponse got = parley.api().get("/conversations/" + result.path("conversation_id").asText());
    assertThat(got.status()).as(got.toString()).isEqualTo(200);
    assertThat(got.json().path("tags").path("tags").path(0).path("name").asText())
        .isEqualTo(result.path("tag_name").asText());
  }

  @Test
  void theSdkDeletesAConversationThenFindsItNotFoundAndASecondDeleteIsA404() {
    JsonNode result = result();
    String id = result.path("deleted_conversation_id").asText();
    assertThat(id).matches("[0-9]+");
    assertThat(result.path("deleted").path("id").asText()).isEqualTo(id);
    assertThat(result.path("deleted").path("object").asText()).isEqualTo("conversation");
    assertThat(result.path("deleted").path("deleted").asBoolean()).isTrue();
    JsonNode find = result.path("find_after_delete");
    assertThat(find.path("error").asText()).isEqualTo("NotFoundError");
    assertThat(find.path("not_found_error").asBoolean()).isTrue();
    assertThat(find.path("status").asInt()).isEqualTo(404);
    assertThat(find.path("code").asText()).isEqualTo("not_found");
    // intercom-client 7 maps only 401 and 403 of deleteConversation to their classes (the
    // description declares no 404 there): the second delete is an IntercomError with 404.
    JsonNode again = result.path("delete_again");
    assertThat(again.path("error").asText()).isEqualTo("IntercomError");
    assertThat(again.path("not_found_error").asBoolean()).isFalse();
    assertThat(again.path("status").asInt()).isEqualTo(404);
    assertThat(again.path("code").asText()).isEqualTo("not_found");
    assertThat(parley.api().get("/conversations/" + id).status()).isEqualTo(404);
    // the other conversations stay
    assertThat(
            parley.api().get("/conversations/" + result.path("conversation_id").asText()).status())
        .isEqualTo(200);
  }

  /** The scenario's result; fails with everything node printed unless it ended cleanly. */
  private static JsonNode result() {
    return NodeSdk.result("sdk-scenario.mjs", scenario, parley.process().log());
  }

  private static byte[] sentBytes(JsonNode result) {
    return Base64.getDecoder().decode(result.path("sent_data_base64").asText());
  }

  private static List<String> texts(JsonNode array) {
    return NodeSdk.texts(array);
  }

  @Test
  void theSdksMessagesStartAdminInitiatedConversations() {
    JsonNode result = result();
    assertThat(result.path("outbound_type").asText()).isEqualTo("admin_message");
    assertThat(result.path("outbound_message_type").asText()).isEqualTo("inapp");
    assertThat(result.path("outbound_source_id").asText())
        .isEqualTo(result.path("outbound_id").asText());
    assertThat(result.path("outbound_source_delivered_as").asText()).isEqualTo("admin_initiated");
    assertThat(result.path("outbound_source_author_id").asText())
        .isEqualTo(result.path("admin_id").asText());
    assertThat(result.path("outbound_state").asText()).isEqualTo("open");
    assertThat(texts(result.path("outbound_contacts")))
        .containsExactly(result.path("contact_id").asText());
    assertThat(result.path("email_type").asText()).isEqualTo("admin_message");
    assertThat(result.path("email_message_type").asText()).isEqualTo("email");
    assertThat(result.path("email_subject").asText()).isEqualTo("Your receipt");
    assertThat(result.path("email_conversation_id").isNull()).isTrue();
  }

  @Test
  void theSdkCreatesUpdatesAndListsTicketTypesTheirAttributesAndStates() {
    JsonNode result = result();
    String id = result.path("ticket_type_id").asText();
    assertThat(result.path("ticket_type_name").asText()).startsWith("SDK ticket type ");
    assertThat(result.path("ticket_type_icon").asText()).isEqualTo("\uD83D\uDC1E");
    assertThat(texts(result.path("ticket_type_attribute_names")))
        .containsExactly("_default_title_", "_default_description_", "Order number");
    assertThat(result.path("ticket_attribute_required").asBoolean()).isTrue();
    assertThat(result.path("ticket_attribute_description").asText())
        .isEqualTo("The order number, from the receipt");
    assertThat(texts(result.path("ticket_types_listed"))).contains(id);
    assertThat(texts(result.path("ticket_state_categories")))
        .containsExactly("submitted", "in_progress", "waiting_on_customer", "resolved");
  }

  @Test
  void theSdkCreatesReadsUpdatesRepliesToTagsAndDeletesATicket() {
    JsonNode result = result();
    String id = result.path("ticket_id").asText();
    assertThat(id).matches("[1-9][0-9]*");
    assertThat(result.path("ticket_title").asText()).isEqualTo("SDK ticket");
    assertThat(result.path("ticket_order_number").asLong()).isEqualTo(1234);
    assertThat(result.path("ticket_state_category").asText()).isEqualTo("submitted");
    assertThat(texts(result.path("ticket_contacts")))
        .containsExactly(result.path("contact_id").asText());
    assertThat(result.path("ticket_updated_open").asBoolean()).isFalse();
    assertThat(result.path("ticket_updated_shared").asBoolean()).isTrue();
    assertThat(result.path("ticket_reply_part_type").asText()).isEqualTo("note");
    assertThat(result.path("ticket_tagged_id").asText())
        .isEqualTo(result.path("ticket_untagged_id").asText());
    assertThat(result.path("ticket_deleted").path("id").asText()).isEqualTo(id);
    assertThat(result.path("ticket_deleted").path("object").asText()).isEqualTo("ticket");
    assertThat(result.path("ticket_deleted").path("deleted").asBoolean()).isTrue();
  }

  @Test
  void theSdkEnqueuesATicketReadsItsJobAndSearchesTickets() {
    JsonNode result = result();
    String enqueued = result.path("ticket_job_resource_id").asText();
    assertThat(enqueued).matches("[1-9][0-9]*").isNotEqualTo(result.path("ticket_id").asText());
    assertThat(result.path("ticket_job_status").asText()).isEqualTo("success");
    assertThat(result.path("ticket_job_status_again").asText()).isEqualTo("success");
    assertThat(result.path("ticket_job_status_resource_id").asText()).isEqualTo(enqueued);
    assertThat(texts(result.path("ticket_search_ids")))
        .containsExactly(enqueued, result.path("ticket_id").asText());
  }

  @Test
  void theSdkLinksATicketToAConversationAndBothListTheLink() {
    JsonNode result = result();
    String ticket = result.path("linked_ticket_id").asText();
    JsonNode onTicket = result.path("linked_ticket_objects");
    assertThat(onTicket.path("type").asText()).isEqualTo("list");
    assertThat(onTicket.path("total_count").asInt()).isEqualTo(1);
    assertThat(onTicket.path("has_more").asBoolean()).isFalse();
    assertThat(onTicket.path("data").get(0).path("type").asText()).isEqualTo("conversation");
    assertThat(onTicket.path("data").get(0).path("id").asText())
        .isEqualTo(result.path("conversation_id").asText());
    JsonNode onConversation = result.path("linked_conversation_objects").path("data");
    assertThat(onConversation).hasSize(1);
    assertThat(onConversation.get(0).path("type").asText()).isEqualTo("ticket");
    assertThat(onConversation.get(0).path("id").asText()).isEqualTo(ticket);
    assertThat(onConversation.get(0).path("category").asText()).isEqualTo("Tracker");
  }
}
