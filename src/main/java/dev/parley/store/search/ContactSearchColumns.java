package dev.parley.store.search;

import dev.parley.store.search.SearchTarget.Column;
import dev.parley.store.search.SearchTarget.EmailDomain;
import dev.parley.store.search.SearchTarget.Linked;

/**
 * Where the kept fields of {@code POST /contacts/search} ({@link
 * dev.parley.domain.search.ContactSearchFields}) live, over {@code contacts c}: columns of the
 * contact row; {@code email_domain} is the part of the email after {@code @}; {@code
 * marked_email_as_spam} and {@code has_hard_bounced} are false on every contact, as rendered;
 * {@code tag_id} from {@code contact_tags}, {@code segment_id} from {@code contact_segments}.
 */
public final class ContactSearchColumns {
  private ContactSearchColumns() {}

  /** The registry. */
  public static final SearchColumns COLUMNS =
      SearchColumns.builder()
          .put("id", new Column("c.id"))
          .put("role", new Column("c.role"))
          .put("name", new Column("c.name"))
          .put("avatar", new Column("c.avatar"))
          .put("owner_id", new Column("c.owner_id"))
          .put("email", new Column("c.email", true))
          .put("email_domain", new EmailDomain("c.email"))
          .put("phone", new Column("c.phone"))
          .put("external_id", new Column("c.external_id"))
          .put("created_at", new Column("c.created_at"))
          .put("signed_up_at", new Column("c.signed_up_at"))
          .put("updated_at", new Column("c.updated_at"))
          .put("last_seen_at", new Column("c.last_seen_at"))
          .put("last_replied_at", new Column("c.last_replied_at"))
          .put("unsubscribed_from_emails", new Column("c.unsubscribed_from_emails"))
          .put("marked_email_as_spam", new Column("(1 = 0)"))
          .put("has_hard_bounced", new Column("(1 = 0)"))
          .put("tag_id", new Linked("contact_tags", "contact_id", "tag_id", true, null))
          .put("segment_id", new Linked("contact_segments", "contact_id", "segment_id", true, null))
          .customAttributes("c.custom_attributes")
          .build();
}
