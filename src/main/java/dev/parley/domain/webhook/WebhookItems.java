package dev.parley.domain.webhook;

import dev.parley.domain.admin.Admin;
import dev.parley.domain.company.CompanyService.CompanyView;
import dev.parley.domain.contact.Contact;
import dev.parley.domain.contact.ContactLinks;
import dev.parley.domain.conversation.AppliedTag;
import dev.parley.domain.conversation.ConversationDetails;
import dev.parley.domain.ticket.TicketDetails;
import dev.parley.domain.workspace.Workspace;

/**
 * Renders the {@code data.item} of a notification as the REST API renders the object (Intercom's
 * "Webhook models": the item is the API's object). Implemented by the HTTP layer, which owns the
 * wire shapes; called inside the transaction of the change, so the item is the object as that
 * change left it.
 */
public interface WebhookItems {

  /** A conversation as {@code retrieveConversation} renders it, with the parts given. */
  String conversation(ConversationDetails details);

  /**
   * A contact of {@code workspace} as {@code ShowContact} renders it, its {@code tags} and {@code
   * notes} lists from {@code links}.
   */
  String contact(Workspace workspace, Contact contact, ContactLinks links);

  /**
   * The item of {@code contact.tag.created} and {@code contact.tag.deleted}: Intercom's {@code
   * contact_tag} ({@code {type: "contact_tag", created_at, contact, tag}}), the contact as {@link
   * #contact} renders it and the tag with its application.
   *
   * @param createdAt Unix seconds of the tagging or untagging
   */
  String contactTag(
      Workspace workspace, Contact contact, ContactLinks links, AppliedTag tag, long createdAt);

  /**
   * A company of {@code workspace} as {@code RetrieveACompanyById} renders it.
   *
   * @param view the company with its contact count and tags
   */
  String company(Workspace workspace, CompanyView view);

  /**
   * The item of {@code contact.attached_to_company}, {@code contact.detached_from_company}, {@code
   * company.contact.attached} and {@code company.contact.detached}: {@code {type:
   * "contact_company", created_at, contact, company}}, both as the API renders them after the
   * change (parley's shape: Intercom documents none).
   *
   * @param createdAt Unix seconds of the attachment or detachment
   */
  String contactCompany(
      Workspace workspace,
      Contact contact,
      ContactLinks links,
      CompanyView company,
      long createdAt);

  /**
   * A ticket of {@code workspace} as {@code getTicket} renders it, its {@code ticket_parts} being
   * the parts {@code details} holds (those the change wrote).
   */
  String ticket(Workspace workspace, TicketDetails details);

  /** An admin as {@code retrieveAdmin} renders it. */
  String admin(Admin admin);

  /** Any other item, such as the identifying fields of a deleted object: {@code value} as JSON. */
  String json(Object value);
}
