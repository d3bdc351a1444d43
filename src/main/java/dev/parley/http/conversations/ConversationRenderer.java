package dev.parley.http.conversations;

import dev.parley.domain.admin.Admin;
import dev.parley.domain.contact.Contact;
import dev.parley.domain.conversation.AppliedTag;
import dev.parley.domain.conversation.Attachment;
import dev.parley.domain.conversation.AuthorType;
import dev.parley.domain.conversation.Conversation;
import dev.parley.domain.conversation.ConversationDetails;
import dev.parley.domain.conversation.ConversationMetrics;
import dev.parley.domain.conversation.ConversationPart;
import dev.parley.domain.conversation.LinkedObject;
import dev.parley.http.conversations.ConversationWire.AttachmentJson;
import dev.parley.http.conversations.ConversationWire.AuthorJson;
import dev.parley.http.conversations.ConversationWire.ContactListJson;
import dev.parley.http.conversations.ConversationWire.ContactReferenceJson;
import dev.parley.http.conversations.ConversationWire.ConversationJson;
import dev.parley.http.conversations.ConversationWire.FirstContactReplyJson;
import dev.parley.http.conversations.ConversationWire.LinkedObjectJson;
import dev.parley.http.conversations.ConversationWire.LinkedObjectsJson;
import dev.parley.http.conversations.ConversationWire.PartJson;
import dev.parley.http.conversations.ConversationWire.PartListJson;
import dev.parley.http.conversations.ConversationWire.PartMetadataJson;
import dev.parley.http.conversations.ConversationWire.QuickReplyOptionJson;
import dev.parley.http.conversations.ConversationWire.ReferenceJson;
import dev.parley.http.conversations.ConversationWire.SourceJson;
import dev.parley.http.conversations.ConversationWire.StatisticsJson;
import dev.parley.http.conversations.ConversationWire.TagJson;
import dev.parley.http.conversations.ConversationWire.TagListJson;
import dev.parley.http.conversations.ConversationWire.TeammatesJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Renders domain conversations in Intercom's JSON shapes ({@link ConversationWire}). */
public final class ConversationRenderer {
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Set<String> INLINE_IMAGES =
      Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp");

  private ConversationRenderer() {}

  /**
   * A conversation, with its parts when {@code details.parts()} is not null.
   *
   * @param baseUrl scheme, host and port that upload URLs start with
   * @param plaintext {@code display_as=plaintext}: bodies without HTML
   */
  public static ConversationJson conversation(
      ConversationDetails details, String baseUrl, boolean plaintext) {
    Conversation c = details.conversation();
    Map<Long, List<Attachment>> byPart = new LinkedHashMap<>();
    List<Attachment> sourceAttachments = new ArrayList<>();
    for (Attachment a : details.attachments()) {
      if (a.partId() == null) {
        sourceAttachments.add(a);
      } else {
        byPart.computeIfAbsent(a.partId(), k -> new ArrayList<>()).add(a);
      }
    }
    Conversation.Source s = c.source();
    SourceJson source =
        new SourceJson(
            s.type(),
            Long.toString(s.id()),
            s.deliveredAs(),
            s.subject(),
            body(s.body(), plaintext),
            author(s.authorType(), s.authorId(), details),
            attachments(sourceAttachments, baseUrl),
            s.url(),
            s.redacted());
    PartListJson parts = null;
    if (details.parts() != null) {
      List<PartJson> items = new ArrayList<>();
      for (ConversationPart p : details.parts()) {
        items.add(part(p, byPart.getOrDefault(p.id(), List.of()), details, baseUrl, plaintext));
      }
      parts = new PartListJson("conversation_part.list", items, details.totalParts());
    }
    return new ConversationJson(
        "conversation",
        Long.toString(c.id()),
        c.title(),
        c.createdAt(),
        c.updatedAt(),
        c.waitingSince(),
        c.snoozedUntil(),
        c.open(),
        c.state().wireValue(),
        c.read(),
        c.priority().wireValue(),
        c.adminAssigneeId(),
        c.teamAssigneeId(),
        new TagListJson(
            "tag.list", details.tags().stream().map(ConversationRenderer::tag).toList()),
        null,
        source,
        new ContactListJson(
            "contact.list",
            details.contactIds().stream()
                .map(
                    id -> {
                      Contact contact = details.contacts().get(id);
                      return new ContactReferenceJson(
                          "contact", id, contact == null ? null : contact.externalId());
                    })
                .toList()),
        new TeammatesJson(
            "admin.list",
            details.teammateIds().stream()
                .map(id -> new ReferenceJson("admin", Long.toString(id)))
                .toList()),
        c.customAttributes(),
        c.firstContactReplyAt() == null
            ? null
            : new FirstContactReplyJson(c.firstContactReplyAt(), s.type(), null),
        null,
        statistics(details.metrics()),
        parts,
        linkedObjects(details.linkedObjects()),
        false,
        null);
  }

  /** {@code linked_object_list} of a conversation's or ticket's linked objects. */
  static LinkedObjectsJson linkedObjects(List<LinkedObject> linked) {
    return new LinkedObjectsJson(
        "list",
        linked.size(),
        false,
        linked.stream()
            .map(
                o ->
                    new LinkedObjectJson(
                        o.ticketCategory() == null ? "conversation" : "ticket",
                        Long.toString(o.id()),
                        o.ticketCategory()))
            .toList());
  }

  /** A tag with its application ({@code tag} with {@code applied_at}, {@code applied_by}). */
  public static TagJson tag(AppliedTag applied) {
    return new TagJson(
        "tag",
        Long.toString(applied.tag().id()),
        applied.tag().name(),
        applied.appliedAt(),
        applied.appliedByAdminId() == null
            ? null
            : new ReferenceJson("admin", Long.toString(applied.appliedByAdminId())));
  }

  private static PartJson part(
      ConversationPart p,
      List<Attachment> attachments,
      ConversationDetails details,
      String baseUrl,
      boolean plaintext) {
    return new PartJson(
        "conversation_part",
        Long.toString(p.id()),
        p.partType().wireValue(),
        body(p.body(), plaintext),
        p.createdAt(),
        p.updatedAt(),
        p.notifiedAt(),
        p.assignedToType() == null
            ? null
            : new ReferenceJson(p.assignedToType().wireValue(), p.assignedToId()),
        author(p.authorType(), p.authorId(), details),
        attachments(attachments, baseUrl),
        null,
        p.redacted(),
        p.quickReplyOptions().isEmpty()
            ? null
            : new PartMetadataJson(
                p.quickReplyOptions().stream()
                    .map(o -> new QuickReplyOptionJson(o.text(), o.uuid()))
                    .toList()),
        p.state().wireValue(),
        List.of(),
        null);
  }

  private static AuthorJson author(AuthorType type, String id, ConversationDetails details) {
    String name = null;
    String email = null;
    if (type == AuthorType.ADMIN) {
      try {
        Admin admin = details.admins().get(Long.parseLong(id));
        if (admin != null) {
          name = admin.name();
          email = admin.email();
        }
      } catch (NumberFormatException e) {
        // not an admin id
      }
    } else {
      Contact contact = details.contacts().get(id);
      if (contact != null) {
        name = contact.name();
        email = contact.email();
      }
    }
    return new AuthorJson(type.wireValue(), id, name, email, false, false);
  }

  /** Attachments in Intercom's {@code part_attachment} shape, files served by parley. */
  public static List<AttachmentJson> attachments(List<Attachment> attachments, String baseUrl) {
    List<AttachmentJson> json = new ArrayList<>();
    for (Attachment a : attachments) {
      if (a.isFile()) {
        json.add(
            new AttachmentJson(
                "upload",
                a.name(),
                baseUrl + "/uploads/" + a.workspaceId() + "/" + a.urlToken(),
                a.contentType(),
                a.filesize(),
                a.width(),
                a.height()));
      } else {
        json.add(new AttachmentJson("url", a.name(), a.url(), a.contentType(), null, null, null));
      }
    }
    return json;
  }

  private static StatisticsJson statistics(ConversationMetrics m) {
    if (m == null) {
      return null;
    }
    return new StatisticsJson(
        "conversation_statistics",
        since(m.createdAt(), m.firstAssignmentAt()),
        since(m.createdAt(), m.firstAdminReplyAt()),
        since(m.createdAt(), m.firstCloseAt()),
        since(m.createdAt(), m.lastCloseAt()),
        m.firstContactReplyAt(),
        m.firstAssignmentAt(),
        m.firstAdminReplyAt(),
        m.firstCloseAt(),
        m.lastAssignmentAt(),
        m.lastAssignmentAdminReplyAt(),
        m.lastContactReplyAt(),
        m.lastAdminReplyAt(),
        m.lastCloseAt(),
        m.lastClosedById() == null ? null : Long.toString(m.lastClosedById()),
        m.countReopens(),
        m.countAssignments(),
        m.countParts());
  }

  private static Long since(long start, Long at) {
    return at == null ? null : Math.max(0, at - start);
  }

  /** The body as stored, or as text without HTML tags for {@code display_as=plaintext}. */
  static String body(String html, boolean plaintext) {
    if (html == null || !plaintext) {
      return html;
    }
    String text = TAG.matcher(html.replaceAll("(?i)<br\\s*/?>|</p>", "\n")).replaceAll("");
    return text.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .strip();
  }

  /** Whether an upload of this content type is shown inline (raster images only). */
  public static boolean inline(String contentType) {
    return contentType != null
        && INLINE_IMAGES.contains(contentType.toLowerCase(java.util.Locale.ROOT));
  }
}
