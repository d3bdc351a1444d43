package dev.parley.http;

import dev.parley.http.admins.AdminRoutes;
import dev.parley.http.attributes.DataAttributeRoutes;
import dev.parley.http.companies.CompanyRoutes;
import dev.parley.http.contacts.ContactRoutes;
import dev.parley.http.conversations.ConversationRoutes;
import dev.parley.http.events.DataEventRoutes;
import dev.parley.http.messages.MessageRoutes;
import dev.parley.http.notes.NoteRoutes;
import dev.parley.http.reporting.ReportingRoutes;
import dev.parley.http.segments.SegmentRoutes;
import dev.parley.http.segments.SubscriptionTypeRoutes;
import dev.parley.http.tags.TagRoutes;
import dev.parley.http.tickets.TicketRoutes;
import dev.parley.http.tickets.TicketTypeRoutes;
import dev.parley.http.uploads.UploadRoutes;
import dev.parley.http.visitors.VisitorRoutes;
import java.util.ArrayList;
import java.util.List;

/**
 * Every route parley serves, in one list in the order of the API reference: admins, companies,
 * contacts, conversations, data attributes, data events, messages, notes, reporting data export,
 * segments, subscription types, tags (with a contact's tags), ticket types and states, teams,
 * visitors; then parley's own (uploads, health, metrics).
 */
public final class RouteTable {
  private RouteTable() {}

  public static List<ApiRoute> of(
      AdminRoutes admins,
      CompanyRoutes companies,
      ContactRoutes contacts,
      VisitorRoutes visitors,
      ConversationRoutes conversations,
      DataAttributeRoutes attributes,
      DataEventRoutes events,
      MessageRoutes messages,
      TagRoutes tags,
      TicketTypeRoutes ticketTypes,
      TicketRoutes tickets,
      NoteRoutes notes,
      SegmentRoutes segments,
      SubscriptionTypeRoutes subscriptionTypes,
      ReportingRoutes reporting,
      UploadRoutes uploads,
      HealthRoutes health) {
    List<ApiRoute> routes = new ArrayList<>();
    routes.addAll(admins.routes());
    routes.addAll(companies.routes());
    routes.addAll(contacts.routes());
    routes.addAll(conversations.routes());
    routes.addAll(attributes.routes());
    routes.addAll(events.routes());
    routes.addAll(messages.routes());
    routes.addAll(notes.routes());
    routes.addAll(reporting.routes());
    routes.addAll(segments.routes());
    routes.addAll(subscriptionTypes.routes());
    routes.addAll(tags.routes());
    routes.addAll(ticketTypes.routes());
    routes.addAll(tickets.routes());
    routes.addAll(visitors.routes());
    routes.addAll(uploads.routes());
    routes.addAll(health.routes());
    return List.copyOf(routes);
  }
}
