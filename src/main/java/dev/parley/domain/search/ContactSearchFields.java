package dev.parley.domain.search;

import static dev.parley.domain.search.SearchOperator.CONTAINS;
import static dev.parley.domain.search.SearchOperator.ENDS_WITH;
import static dev.parley.domain.search.SearchOperator.EQ;
import static dev.parley.domain.search.SearchOperator.GE;
import static dev.parley.domain.search.SearchOperator.GT;
import static dev.parley.domain.search.SearchOperator.IN;
import static dev.parley.domain.search.SearchOperator.LE;
import static dev.parley.domain.search.SearchOperator.LT;
import static dev.parley.domain.search.SearchOperator.NE;
import static dev.parley.domain.search.SearchOperator.NIN;
import static dev.parley.domain.search.SearchOperator.NOT_CONTAINS;
import static dev.parley.domain.search.SearchOperator.STARTS_WITH;

import dev.parley.domain.search.SearchField.Comparison;
import java.util.Map;
import java.util.Set;

/**
 * The searchable fields of {@code POST /contacts/search}: the "Accepted Fields" table of Intercom's
 * 2.14 {@code SearchContacts}, with the contact rules of its "Accepted Operators" table: strings
 * take {@code = != IN NIN ~ !~ ^ $}; integers {@code = != IN NIN < > <= >=}; booleans {@code = !=
 * IN NIN}; dates only {@code = < >}, matched by calendar day ({@link Comparison#BY_DAY}, UTC);
 * {@code tag_id} only {@code =} and {@code !=}.
 *
 * <p>Kept fields: {@code id, role, name, avatar, owner_id, email, email_domain, phone, external_id,
 * created_at, signed_up_at, updated_at, last_seen_at, last_replied_at, unsubscribed_from_emails,
 * marked_email_as_spam, has_hard_bounced, tag_id} (a tag applied to the contact), {@code
 * segment_id} (a segment the contact is in, which operators fill) and {@code
 * custom_attributes.{name}} (where their values come from: the store's {@code
 * dev.parley.store.search.ContactSearchColumns}). Every other field of the table (device, browser,
 * location ...) is one parley keeps no data for: null on every contact.
 */
public final class ContactSearchFields {
  private ContactSearchFields() {}

  private static final Set<SearchOperator> STRING_OPS =
      Set.of(EQ, NE, IN, NIN, CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH);

  /** The registry. */
  public static final SearchFields FIELDS = build();

  private static SearchFields build() {
    SearchFields.Builder b =
        SearchFields.builder(
            "contact",
            Map.of(
                FieldType.STRING, STRING_OPS,
                FieldType.INTEGER, Set.of(EQ, NE, IN, NIN, LT, GT, LE, GE),
                FieldType.DATE, Set.of(EQ, LT, GT),
                FieldType.BOOLEAN, Set.of(EQ, NE, IN, NIN)),
            Map.of(FieldType.DATE, Comparison.BY_DAY));
    b.string("id")
        .string("role")
        .string("name")
        .string("avatar")
        .integer("owner_id")
        .string("email")
        .string("email_domain")
        .string("phone")
        .string("external_id")
        .date("created_at")
        .date("signed_up_at")
        .date("updated_at")
        .date("last_seen_at")
        .date("last_replied_at")
        .bool("unsubscribed_from_emails")
        .bool("marked_email_as_spam")
        .bool("has_hard_bounced")
        .field("tag_id", FieldType.STRING, Set.of(EQ, NE), SearchField.Data.KEPT)
        .string("segment_id")
        .customAttributes();
    b.absent(
        FieldType.DATE,
        "last_contacted_at",
        "last_email_opened_at",
        "last_email_clicked_at",
        "ios_last_seen_at",
        "android_last_seen_at");
    b.absent(
        FieldType.STRING,
        "language_override",
        "browser",
        "browser_language",
        "os",
        "location.country",
        "location.region",
        "location.city",
        "ios_app_version",
        "ios_device",
        "ios_app_device",
        "ios_os_version",
        "ios_app_name",
        "ios_sdk_version",
        "android_app_version",
        "android_device",
        "android_app_name",
        "android_os_version",
        // "andoid" is the description's spelling; "android" is what it means.
        "andoid_sdk_version",
        "android_sdk_version");
    return b.build();
  }
}
