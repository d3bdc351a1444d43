package dev.parley.domain.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The validation rules of Intercom's search query, without a database. */
class SearchParserTest {
  static final SearchFields CONVERSATIONS = ConversationSearchFields.FIELDS;
  static final SearchFields CONTACTS = ContactSearchFields.FIELDS;

  static Map<String, Object> filter(String field, String operator, Object value) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("field", field);
    f.put("operator", operator);
    f.put("value", value);
    return f;
  }

  static Map<String, Object> group(String operator, Object... items) {
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("operator", operator);
    g.put("value", new ArrayList<>(Arrays.asList(items)));
    return g;
  }

  static void assertInvalid(ThrowingCallable call, String field, String messagePart) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.PARAMETER_INVALID);
              assertThat(e.errorCode().status()).isEqualTo(400);
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.getMessage()).contains(messagePart);
            });
  }

  @Test
  void theDescriptionsExampleParsesWithTheTimestampSentAsAString() {
    SearchQuery q =
        SearchParser.parse(group("AND", filter("created_at", ">", "1306054154")), CONVERSATIONS);
    assertThat(q).isInstanceOf(SearchQuery.Group.class);
    SearchQuery.Filter f = (SearchQuery.Filter) ((SearchQuery.Group) q).items().get(0);
    assertThat(f.field().name()).isEqualTo("created_at");
    assertThat(f.operator()).isEqualTo(SearchOperator.GT);
    assertThat(f.value()).isEqualTo(1306054154L);
  }

  @Test
  void valuesAreConvertedToTheFieldsType() {
    assertThat(
            ((SearchQuery.Filter) SearchParser.parse(filter("id", "=", 42), CONVERSATIONS)).value())
        .isEqualTo("42");
    assertThat(
            ((SearchQuery.Filter)
                    SearchParser.parse(filter("admin_assignee_id", "=", "7"), CONVERSATIONS))
                .value())
        .isEqualTo(7L);
    assertThat(
            ((SearchQuery.Filter) SearchParser.parse(filter("open", "=", "TRUE"), CONVERSATIONS))
                .value())
        .isEqualTo(true);
    assertThat(
            ((SearchQuery.Filter)
                    SearchParser.parse(filter("read", "IN", List.of(true, "false")), CONVERSATIONS))
                .values())
        .containsExactly(true, false);
    assertThat(
            ((SearchQuery.Filter)
                    SearchParser.parse(
                        filter("created_at", "<", 1_700_000_000_000L), CONVERSATIONS))
                .value())
        .as("a timestamp in milliseconds is valid input")
        .isEqualTo(1_700_000_000_000L);
    assertThat(
            ((SearchQuery.Filter)
                    SearchParser.parse(filter("custom_attributes.vip", "=", true), CONTACTS))
                .value())
        .isEqualTo("true");
  }

  @Test
  void nullIsAValueOnlyForEqualsAndNotEquals() {
    assertThat(
            ((SearchQuery.Filter)
                    SearchParser.parse(filter("snoozed_until", "=", null), CONVERSATIONS))
                .value())
        .isNull();
    assertInvalid(
        () -> SearchParser.parse(filter("snoozed_until", ">", null), CONVERSATIONS),
        "query.value",
        "null");
  }

  @Test
  void aMissingQueryOrOneThatIsNotAnObjectIsRefused() {
    assertInvalid(() -> SearchParser.parse(null, CONVERSATIONS), "query", "query is required");
    assertInvalid(
        () -> SearchParser.parse("state = open", CONVERSATIONS), "query", "must be an object");
    assertInvalid(() -> SearchParser.parse(List.of(), CONVERSATIONS), "query", "must be an object");
  }

  @Test
  void wrongValueTypesAreRefusedNamingTheValue() {
    assertInvalid(
        () -> SearchParser.parse(filter("created_at", ">", "foorbar"), CONVERSATIONS),
        "query.value",
        "Unix timestamp");
    assertInvalid(
        () -> SearchParser.parse(filter("created_at", ">", 1.5), CONVERSATIONS),
        "query.value",
        "Unix timestamp");
    assertInvalid(
        () ->
            SearchParser.parse(
                filter("created_at", ">", new BigInteger("99999999999999999999")), CONVERSATIONS),
        "query.value",
        "Unix timestamp");
    assertInvalid(
        () -> SearchParser.parse(filter("state", "=", true), CONVERSATIONS),
        "query.value",
        "a string");
    assertInvalid(
        () -> SearchParser.parse(filter("open", "=", 1), CONVERSATIONS),
        "query.value",
        "true or false");
    assertInvalid(
        () -> SearchParser.parse(filter("admin_assignee_id", "=", "abc"), CONVERSATIONS),
        "query.value",
        "an integer");
    assertInvalid(
        () ->
            SearchParser.parse(
                group(
                    "OR",
                    filter("state", "=", "open"),
                    filter("state", "IN", List.of("open", Map.of()))),
                CONVERSATIONS),
        "query.value[1].value[1]",
        "a string");
  }

  @Test
  void arraysGoWithInAndNinOnly() {
    assertInvalid(
        () -> SearchParser.parse(filter("state", "IN", "open"), CONVERSATIONS),
        "query.value",
        "must be an array");
    assertInvalid(
        () -> SearchParser.parse(filter("state", "=", List.of("open")), CONVERSATIONS),
        "query.value",
        "single value");
    assertInvalid(
        () ->
            SearchParser.parse(filter("state", "NIN", Arrays.asList("open", null)), CONVERSATIONS),
        "query.value[1]",
        "null");
  }

  @Test
  void unknownFieldsAndOperatorsAreRefused() {
    assertInvalid(
        () -> SearchParser.parse(filter("colour", "=", "red"), CONVERSATIONS),
        "query.field",
        "colour is not a searchable conversation field");
    assertInvalid(
        () -> SearchParser.parse(filter("state", "==", "open"), CONVERSATIONS),
        "query.operator",
        "must be one of");
    Map<String, Object> numericOperator = new LinkedHashMap<>(filter("state", "=", "open"));
    numericOperator.put("operator", 5);
    assertInvalid(
        () -> SearchParser.parse(numericOperator, CONVERSATIONS),
        "query.operator",
        "must be a string");
    Map<String, Object> noOperator = new LinkedHashMap<>(filter("state", "=", "open"));
    noOperator.remove("operator");
    assertInvalid(
        () -> SearchParser.parse(noOperator, CONVERSATIONS), "query.operator", "required");
    Map<String, Object> noValue = new LinkedHashMap<>(filter("state", "=", "open"));
    noValue.remove("value");
    assertInvalid(() -> SearchParser.parse(noValue, CONVERSATIONS), "query.value", "required");
  }

  @Test
  void anOperatorTheFieldsTypeDoesNotAllowIsRefused() {
    assertInvalid(
        () -> SearchParser.parse(filter("state", ">", "open"), CONVERSATIONS),
        "query.operator",
        "cannot be used on state");
    assertInvalid(
        () -> SearchParser.parse(filter("created_at", "~", "1"), CONVERSATIONS),
        "query.operator",
        "cannot be used on created_at");
    assertInvalid(
        () -> SearchParser.parse(filter("open", "<", true), CONVERSATIONS),
        "query.operator",
        "cannot be used on open");
  }

  @Test
  void contactRulesAllowOnlyEqualsLessAndGreaterOnDatesAndOnlyEqualityOnTagId() {
    for (String op : List.of("!=", ">=", "<=")) {
      assertInvalid(
          () -> SearchParser.parse(filter("created_at", op, 1), CONTACTS),
          "query.operator",
          "cannot be used on created_at");
    }
    assertInvalid(
        () -> SearchParser.parse(filter("created_at", "IN", List.of(1)), CONTACTS),
        "query.operator",
        "cannot be used");
    assertInvalid(
        () -> SearchParser.parse(filter("tag_id", "IN", List.of("1")), CONTACTS),
        "query.operator",
        "cannot be used on tag_id");
    assertInvalid(
        () -> SearchParser.parse(filter("tag_id", "~", "1"), CONTACTS),
        "query.operator",
        "cannot be used on tag_id");
    assertThat(SearchParser.parse(filter("owner_id", ">=", 1), CONTACTS)).isNotNull();
    assertThat(SearchParser.parse(filter("tag_id", "!=", "1"), CONTACTS)).isNotNull();
  }

  @Test
  void andOrOrOnAnObjectWithAFieldIsRefused() {
    assertInvalid(
        () -> SearchParser.parse(filter("state", "AND", "open"), CONVERSATIONS),
        "query.operator",
        "AND cannot be used on a single filter");
    assertInvalid(
        () ->
            SearchParser.parse(
                group("AND", filter("state", "OR", List.of(filter("state", "=", "open")))),
                CONVERSATIONS),
        "query.value[0].operator",
        "OR cannot be used on a single filter");
  }

  @Test
  void aGroupNeedsAnArrayAndAComparisonNeedsAField() {
    Map<String, Object> scalar = new LinkedHashMap<>();
    scalar.put("operator", "AND");
    scalar.put("value", "open");
    assertInvalid(
        () -> SearchParser.parse(scalar, CONVERSATIONS), "query.value", "array of filters");
    Map<String, Object> noField = new LinkedHashMap<>();
    noField.put("operator", "=");
    noField.put("value", "open");
    assertInvalid(
        () -> SearchParser.parse(noField, CONVERSATIONS), "query.field", "field is required");
  }

  @Test
  void twoLevelsOfGroupsAreAllowedAndAThirdIsRefusedNamingTheLimit() {
    Map<String, Object> twoLevels =
        group(
            "AND",
            group("OR", filter("state", "=", "open"), filter("state", "=", "snoozed")),
            group("OR", filter("read", "=", true), filter("priority", "=", "priority")));
    assertThat(SearchParser.parse(twoLevels, CONVERSATIONS)).isInstanceOf(SearchQuery.Group.class);
    Map<String, Object> threeLevels =
        group("AND", group("OR", group("AND", filter("state", "=", "open"))));
    assertInvalid(
        () -> SearchParser.parse(threeLevels, CONVERSATIONS),
        "query.value[0].value[0]",
        "at most 2 levels");
  }

  @Test
  void fifteenFiltersInAGroupAreAllowedAndSixteenAreRefusedNamingTheLimit() {
    Object[] fifteen = new Object[15];
    Arrays.fill(fifteen, filter("state", "=", "open"));
    assertThat(SearchParser.parse(group("OR", fifteen), CONVERSATIONS))
        .isInstanceOf(SearchQuery.Group.class);
    Object[] sixteen = new Object[16];
    Arrays.fill(sixteen, filter("state", "=", "open"));
    assertInvalid(
        () -> SearchParser.parse(group("OR", sixteen), CONVERSATIONS), "query.value", "at most 15");
    assertInvalid(
        () ->
            SearchParser.parse(
                group("AND", filter("read", "=", true), group("OR", sixteen)), CONVERSATIONS),
        "query.value[1].value",
        "at most 15");
  }

  @Test
  void customAttributeNamesWithQuotesCannotBeSearched() {
    assertInvalid(
        () -> SearchParser.parse(filter("custom_attributes.a\"b", "=", "x"), CONTACTS),
        "query.field",
        "custom attribute");
    assertInvalid(
        () -> SearchParser.parse(filter("custom_attributes.", "=", "x"), CONTACTS),
        "query.field",
        "not a searchable contact field");
  }

  @Test
  void everyFieldOfTheDescriptionsTablesIsKnown() {
    List<String> conversationFields =
        List.of(
            "id",
            "created_at",
            "updated_at",
            "source.type",
            "source.id",
            "source.delivered_as",
            "source.subject",
            "source.body",
            "source.author.id",
            "source.author.type",
            "source.author.name",
            "source.author.email",
            "source.url",
            "contact_ids",
            "teammate_ids",
            "admin_assignee_id",
            "team_assignee_id",
            "channel_initiated",
            "open",
            "read",
            "state",
            "waiting_since",
            "snoozed_until",
            "tag_ids",
            "priority",
            "statistics.time_to_assignment",
            "statistics.time_to_admin_reply",
            "statistics.time_to_first_close",
            "statistics.time_to_last_close",
            "statistics.median_time_to_reply",
            "statistics.first_contact_reply_at",
            "statistics.first_assignment_at",
            "statistics.first_admin_reply_at",
            "statistics.first_close_at",
            "statistics.last_assignment_at",
            "statistics.last_assignment_admin_reply_at",
            "statistics.last_contact_reply_at",
            "statistics.last_admin_reply_at",
            "statistics.last_close_at",
            "statistics.last_closed_by_id",
            "statistics.count_reopens",
            "statistics.count_assignments",
            "statistics.count_conversation_parts",
            "conversation_rating.requested_at",
            "conversation_rating.replied_at",
            "conversation_rating.score",
            "conversation_rating.remark",
            "conversation_rating.contact_id",
            "conversation_rating.admin_d",
            "ai_agent_participated",
            "ai_agent.resolution_state",
            "ai_agent.last_answer_type",
            "ai_agent.rating",
            "ai_agent.rating_remark",
            "ai_agent.source_type",
            "ai_agent.source_title");
    for (String field : conversationFields) {
      assertThat(CONVERSATIONS.find(field)).as(field).isPresent();
    }
    List<String> contactFields =
        List.of(
            "id",
            "role",
            "name",
            "avatar",
            "owner_id",
            "email",
            "email_domain",
            "phone",
            "external_id",
            "created_at",
            "signed_up_at",
            "updated_at",
            "last_seen_at",
            "last_contacted_at",
            "last_replied_at",
            "last_email_opened_at",
            "last_email_clicked_at",
            "language_override",
            "browser",
            "browser_language",
            "os",
            "location.country",
            "location.region",
            "location.city",
            "unsubscribed_from_emails",
            "marked_email_as_spam",
            "has_hard_bounced",
            "ios_last_seen_at",
            "ios_app_version",
            "ios_device",
            "ios_app_device",
            "ios_os_version",
            "ios_app_name",
            "ios_sdk_version",
            "android_last_seen_at",
            "android_app_version",
            "android_device",
            "android_app_name",
            "andoid_sdk_version",
            "segment_id",
            "tag_id",
            "custom_attributes.plan");
    for (String field : contactFields) {
      assertThat(CONTACTS.find(field)).as(field).isPresent();
    }
  }

  @Test
  void aQueryHoldsAtMostAThousandValuesSoItsSqlStaysWithinEveryDatabasesParameterLimit() {
    List<Object> fiveHundred = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      fiveHundred.add("v" + i);
    }
    assertThat(
            SearchParser.parse(
                group(
                    "OR",
                    filter("state", "IN", fiveHundred),
                    filter("priority", "NIN", fiveHundred)),
                CONVERSATIONS))
        .isNotNull();
    assertInvalid(
        () ->
            SearchParser.parse(
                group(
                    "OR",
                    filter("state", "IN", fiveHundred),
                    filter("priority", "NIN", fiveHundred),
                    filter("read", "=", true)),
                CONVERSATIONS),
        "query.value[2].value",
        "at most 1000 values");
    Object[] groups = new Object[15];
    for (int i = 0; i < 15; i++) {
      Object[] filters = new Object[15];
      Arrays.fill(filters, filter("tag_ids", "IN", fiveHundred.subList(0, 5)));
      groups[i] = group("OR", filters);
    }
    assertInvalid(
        () -> SearchParser.parse(group("AND", groups), CONVERSATIONS),
        "query.value[13].value[5].value",
        "at most 1000 values");
  }
}
