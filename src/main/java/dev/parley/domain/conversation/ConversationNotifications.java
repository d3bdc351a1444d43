package dev.parley.domain.conversation;

import dev.parley.domain.Repositories;
import dev.parley.domain.ticket.TicketNotifications;
import dev.parley.domain.webhook.Outbox;
import dev.parley.domain.webhook.Topic;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Raises a conversation's webhook topics (docs/webhooks.md, "Topics"). The item is the conversation
 * exactly as {@code retrieveConversation} renders it after the change, except that its {@code
 * conversation_parts} holds only the parts the change wrote (as Intercom's notifications carry the
 * newest parts), with {@code total_count} their number. Called inside the change's transaction,
 * after the conversation's row is locked and written, so that a conversation's notifications are
 * queued in the order its changes commit. A change of a ticket's conversation also raises the
 * ticket's topic ({@link TicketNotifications#follow}).
 */
public final class ConversationNotifications {
  private ConversationNotifications() {}

  /**
   * Raises {@code topic} about {@code c} (as the transaction left it), with the parts {@code
   * partIds} (none for an item without parts). The contacts the item names are its related keys, so
   * that erasing any of them drops the notification.
   */
  static void raise(
      Outbox outbox, Repositories repos, Conversation c, Topic topic, List<Long> partIds) {
    outbox.raiseItem(
        repos,
        c.workspaceId(),
        topic,
        Outbox.conversationKey(c.id()),
        () -> {
          ConversationDetails details = forNotification(repos, c, Set.copyOf(partIds));
          return new Outbox.Item(outbox.items().conversation(details), relatedKeys(details));
        });
    TicketNotifications.follow(outbox, repos, c, topic, partIds);
  }

  /**
   * The key of a part in the items that carry it ({@code "part:" + id}): redacting the part drops
   * the undelivered notifications that hold its text.
   */
  static String partKey(long partId) {
    return "part:" + partId;
  }

  /**
   * The contacts and parts a notification item of {@code details} holds, as related keys: erasing
   * or redacting any of them drops the notification.
   */
  public static List<String> relatedKeys(ConversationDetails details) {
    Set<String> contacts = new LinkedHashSet<>(details.contactIds());
    contacts.addAll(details.contacts().keySet());
    List<String> related = new ArrayList<>();
    for (String contactId : contacts) {
      related.add(Outbox.contactKey(contactId));
    }
    for (ConversationPart part : details.parts()) {
      related.add(partKey(part.id()));
    }
    return related;
  }

  /** The conversation's details with only the parts {@code partIds}. */
  public static ConversationDetails forNotification(
      Repositories repos, Conversation c, Set<Long> partIds) {
    ConversationDetails full = ConversationViews.details(repos, c);
    List<ConversationPart> parts =
        full.parts().stream().filter(p -> partIds.contains(p.id())).toList();
    return new ConversationDetails(
        full.conversation(),
        full.contactIds(),
        full.contacts(),
        full.tags(),
        parts,
        parts.size(),
        full.attachments().stream()
            .filter(a -> a.partId() == null || partIds.contains(a.partId()))
            .toList(),
        full.metrics(),
        full.teammateIds(),
        full.admins(),
        full.linkedObjects());
  }
}
