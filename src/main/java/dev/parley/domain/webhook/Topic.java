package dev.parley.domain.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The webhook topics parley raises, named as Intercom names them in its "Webhook topics" (API 2.x):
 * a subscription lists the topics it receives, and every notification carries one. docs/webhooks.md
 * says which change raises which topic.
 */
public enum Topic {
  CONVERSATION_USER_CREATED("conversation.user.created"),
  CONVERSATION_USER_REPLIED("conversation.user.replied"),
  CONVERSATION_ADMIN_REPLIED("conversation.admin.replied"),
  CONVERSATION_ADMIN_SINGLE_CREATED("conversation.admin.single.created"),
  CONVERSATION_ADMIN_ASSIGNED("conversation.admin.assigned"),
  CONVERSATION_ADMIN_NOTED("conversation.admin.noted"),
  CONVERSATION_ADMIN_CLOSED("conversation.admin.closed"),
  CONVERSATION_ADMIN_OPENED("conversation.admin.opened"),
  CONVERSATION_ADMIN_SNOOZED("conversation.admin.snoozed"),
  CONVERSATION_ADMIN_UNSNOOZED("conversation.admin.unsnoozed"),
  CONVERSATION_READ("conversation.read"),
  CONVERSATION_PRIORITY_UPDATED("conversation.priority.updated"),
  CONVERSATION_PART_REDACTED("conversation_part.redacted"),
  CONVERSATION_PART_TAG_CREATED("conversation_part.tag.created"),
  CONVERSATION_CONTACT_ATTACHED("conversation.contact.attached"),
  CONVERSATION_CONTACT_DETACHED("conversation.contact.detached"),
  CONVERSATION_DELETED("conversation.deleted"),
  CONTACT_USER_CREATED("contact.user.created"),
  CONTACT_LEAD_CREATED("contact.lead.created"),
  CONTACT_USER_UPDATED("contact.user.updated"),
  CONTACT_LEAD_UPDATED("contact.lead.updated"),
  CONTACT_DELETED("contact.deleted"),
  CONTACT_ARCHIVED("contact.archived"),
  CONTACT_UNARCHIVED("contact.unarchived"),
  CONTACT_MERGED("contact.merged"),
  CONTACT_TAG_CREATED("contact.tag.created"),
  CONTACT_TAG_DELETED("contact.tag.deleted"),
  CONTACT_SUBSCRIBED("contact.subscribed"),
  CONTACT_UNSUBSCRIBED("contact.unsubscribed"),
  CONTACT_ATTACHED_TO_COMPANY("contact.attached_to_company"),
  CONTACT_DETACHED_FROM_COMPANY("contact.detached_from_company"),
  COMPANY_CREATED("company.created"),
  COMPANY_UPDATED("company.updated"),
  COMPANY_DELETED("company.deleted"),
  COMPANY_CONTACT_ATTACHED("company.contact.attached"),
  COMPANY_CONTACT_DETACHED("company.contact.detached"),
  TICKET_CREATED("ticket.created"),
  TICKET_STATE_UPDATED("ticket.state.updated"),
  TICKET_ADMIN_ASSIGNED("ticket.admin.assigned"),
  TICKET_TEAM_ASSIGNED("ticket.team.assigned"),
  TICKET_ADMIN_REPLIED("ticket.admin.replied"),
  TICKET_CONTACT_REPLIED("ticket.contact.replied"),
  TICKET_NOTE_CREATED("ticket.note.created"),
  TICKET_CLOSED("ticket.closed"),
  TICKET_CONTACT_ATTACHED("ticket.contact.attached"),
  TICKET_CONTACT_DETACHED("ticket.contact.detached"),
  ADMIN_AWAY_MODE_UPDATED("admin.away_mode_updated"),
  PING("ping");

  private static final Map<String, Topic> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toMap(Topic::wireName, Function.identity()));

  private final String wireName;

  Topic(String wireName) {
    this.wireName = wireName;
  }

  /** The topic's name as Intercom writes it, e.g. {@code "conversation.user.created"}. */
  public String wireName() {
    return wireName;
  }

  /** The topic named {@code name}, empty for a name parley does not know. */
  public static Optional<Topic> fromWire(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** Every topic's name, in declaration order. */
  public static List<String> names() {
    return Arrays.stream(values()).map(Topic::wireName).toList();
  }
}
