package dev.parley.http.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.admin.Admin;
import dev.parley.domain.company.CompanyService.CompanyView;
import dev.parley.domain.contact.Contact;
import dev.parley.domain.contact.ContactLinks;
import dev.parley.domain.conversation.AppliedTag;
import dev.parley.domain.conversation.ConversationDetails;
import dev.parley.domain.ticket.TicketDetails;
import dev.parley.domain.webhook.WebhookItems;
import dev.parley.domain.workspace.Caller;
import dev.parley.domain.workspace.Workspace;
import dev.parley.http.admins.AdminRoutes;
import dev.parley.http.companies.CompanyRoutes;
import dev.parley.http.companies.CompanyWire.CompanyJson;
import dev.parley.http.contacts.ContactRoutes;
import dev.parley.http.contacts.ContactWire.ContactJson;
import dev.parley.http.conversations.ConversationRenderer;
import dev.parley.http.conversations.ConversationWire.TagJson;
import dev.parley.http.tickets.TicketRoutes;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@link WebhookItems} with the renderers of the REST API, so that a notification's item is the
 * object exactly as the API renders it (HTML bodies, as without {@code display_as}).
 */
public final class WebhookItemRenderer implements WebhookItems {
  private final ObjectMapper mapper;
  private final Supplier<String> baseUrl;

  /**
   * @param baseUrl scheme, host and port that upload URLs in items start with (the server's public
   *     URL, or its listening address)
   */
  public WebhookItemRenderer(ObjectMapper mapper, Supplier<String> baseUrl) {
    this.mapper = mapper;
    this.baseUrl = baseUrl;
  }

  @Override
  public String conversation(ConversationDetails details) {
    return json(ConversationRenderer.conversation(details, baseUrl.get(), false));
  }

  @Override
  public String contact(Workspace workspace, Contact contact, ContactLinks links) {
    return json(ContactRoutes.render(contact, new Caller(workspace, 0, 0, Set.of()), links));
  }

  /** Intercom's {@code contact_tag} webhook item. */
  record ContactTagJson(String type, long createdAt, ContactJson contact, TagJson tag) {}

  @Override
  public String contactTag(
      Workspace workspace, Contact contact, ContactLinks links, AppliedTag tag, long createdAt) {
    return json(
        new ContactTagJson(
            "contact_tag",
            createdAt,
            ContactRoutes.render(contact, new Caller(workspace, 0, 0, Set.of()), links),
            ConversationRenderer.tag(tag)));
  }

  @Override
  public String ticket(Workspace workspace, TicketDetails details) {
    return json(TicketRoutes.render(details, workspace.idCode(), baseUrl.get()));
  }

  @Override
  public String company(Workspace workspace, CompanyView company) {
    return json(CompanyRoutes.render(company, new Caller(workspace, 0, 0, Set.of())));
  }

  /** parley's {@code contact_company} webhook item. */
  record ContactCompanyJson(
      String type, long createdAt, ContactJson contact, CompanyJson company) {}

  @Override
  public String contactCompany(
      Workspace workspace,
      Contact contact,
      ContactLinks links,
      CompanyView company,
      long createdAt) {
    Caller caller = new Caller(workspace, 0, 0, Set.of());
    return json(
        new ContactCompanyJson(
            "contact_company",
            createdAt,
            ContactRoutes.render(contact, caller, links),
            CompanyRoutes.render(company, caller)));
  }

  @Override
  public String admin(Admin admin) {
    return json(AdminRoutes.render(admin));
  }

  @Override
  public String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a webhook item does not serialize", e);
    }
  }
}
