package dev.parley.domain.conversation;

import dev.parley.domain.Repositories;
import dev.parley.domain.admin.Admin;
import dev.parley.domain.contact.Contact;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Assembles what a conversation renders ({@link ConversationDetails}): the full conversation with
 * its most recent parts, or a page of list items, with the contacts, admins, tags, attachments and
 * reporting record they name, in a fixed number of queries.
 */
public final class ConversationViews {
  private ConversationViews() {}

  /** The conversation's reporting record, created when it is missing. */
  static ConversationMetrics metricsOf(Repositories repos, Conversation c) {
    return repos
        .metrics()
        .find(c.workspaceId(), c.id())
        .orElseGet(
            () -> {
              ConversationMetrics fresh =
                  ConversationMetrics.started(
                      c.workspaceId(),
                      c.id(),
                      c.createdAt(),
                      c.source().type(),
                      c.source().deliveredAs());
              repos.metrics().insert(fresh);
              return fresh;
            });
  }

  /** Loads everything a full conversation (with parts) renders. */
  public static ConversationDetails details(Repositories repos, Conversation c) {
    return details(
        repos,
        c,
        repos.conversations().related(c.workspaceId(), c.id(), ConversationService.MAX_PARTS));
  }

  /**
   * {@link #details(Repositories, Conversation)} with the related rows already read ({@link
   * ConversationRepository#read}); reads what they do not hold: the admins they name, and the part
   * count, teammates and unlinked authors where those are needed.
   */
  static ConversationDetails details(
      Repositories repos, Conversation c, ConversationRepository.Related related) {
    return details(
        repos,
        c,
        related,
        repos
            .conversationLinks()
            .linkedObjects(c.workspaceId(), List.of(c.id()))
            .getOrDefault(c.id(), List.of()));
  }

  /**
   * Several full conversations (with parts) at once, each as {@link #details(Repositories,
   * Conversation)} renders it, read in a fixed number of queries for all of them ({@link
   * ConversationRepository#readAll}, then their linked objects) instead of a few per conversation:
   * for a page of search results that render whole conversations (tickets' search). By id, in the
   * order of {@code ids}; an id of no conversation of the workspace is left out.
   */
  public static Map<Long, ConversationDetails> detailsAll(
      Repositories repos, long ws, List<Long> ids) {
    Map<Long, ConversationDetails> out = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    Map<Long, ConversationRepository.Read> reads =
        repos.conversations().readAll(ws, ids, ConversationService.MAX_PARTS);
    Map<Long, List<LinkedObject>> linked =
        repos.conversationLinks().linkedObjects(ws, List.copyOf(reads.keySet()));
    reads.forEach(
        (id, read) ->
            out.put(
                id,
                details(
                    repos,
                    read.conversation().orElseThrow(),
                    read.related(),
                    linked.getOrDefault(id, List.of()))));
    return out;
  }

  private static ConversationDetails details(
      Repositories repos,
      Conversation c,
      ConversationRepository.Related related,
      List<LinkedObject> linkedObjects) {
    long ws = c.workspaceId();
    ConversationPartRepository conversationParts = repos.conversationParts();
    List<Long> ids = List.of(c.id());
    List<ConversationPart> parts = related.recentParts();
    long total =
        parts.size() < ConversationService.MAX_PARTS
            ? parts.size()
            : conversationParts.countParts(ws, c.id());
    List<Contact> linked = related.contacts();
    List<String> contactIds = linked.stream().map(Contact::id).toList();
    List<Long> teammates =
        parts.size() < ConversationService.MAX_PARTS
            ? teammateIds(parts)
            : conversationParts.teammateIds(ws, ids).getOrDefault(c.id(), List.of());
    Set<String> contactRefs = new HashSet<>(contactIds);
    Set<Long> adminRefs = new HashSet<>(teammates);
    addAuthor(c.source().authorType(), c.source().authorId(), contactRefs, adminRefs);
    for (ConversationPart part : parts) {
      addAuthor(part.authorType(), part.authorId(), contactRefs, adminRefs);
    }
    return new ConversationDetails(
        c,
        contactIds,
        contacts(repos, ws, linked, contactRefs),
        related.tags(),
        parts,
        total,
        related.attachments(),
        related.metrics(),
        teammates,
        admins(repos, ws, related.admins(), adminRefs),
        linkedObjects);
  }

  /**
   * The admins {@code refs} names, by id: those among {@code read} (already read with the
   * conversation), then any others, read only when there are any.
   */
  private static Map<Long, Admin> admins(
      Repositories repos, long ws, Map<Long, Admin> read, Set<Long> refs) {
    if (read.keySet().containsAll(refs)) {
      return read;
    }
    Set<Long> missing = new HashSet<>(refs);
    missing.removeAll(read.keySet());
    Map<Long, Admin> admins = new LinkedHashMap<>(read);
    admins.putAll(repos.admins().findAll(ws, missing));
    return admins;
  }

  /**
   * The admins who wrote at least one of {@code parts}, as {@link
   * ConversationPartRepository#teammateIds} gives them (ordered by the id's text), when {@code
   * parts} are all of the conversation's parts: one query fewer for a conversation read whole.
   */
  private static List<Long> teammateIds(List<ConversationPart> parts) {
    TreeSet<String> authors = new TreeSet<>();
    for (ConversationPart part : parts) {
      if (part.authorType() == AuthorType.ADMIN) {
        authors.add(part.authorId());
      }
    }
    List<Long> ids = new ArrayList<>(authors.size());
    for (String author : authors) {
      ids.add(Long.parseLong(author));
    }
    return ids;
  }

  /** Loads what list items render, in a fixed number of queries for the whole page. */
  static List<ConversationDetails> listItems(Repositories repos, long ws, List<Conversation> page) {
    if (page.isEmpty()) {
      return List.of();
    }
    List<Long> ids = page.stream().map(Conversation::id).toList();
    ConversationLinkRepository links = repos.conversationLinks();
    ConversationPartRepository parts = repos.conversationParts();
    Map<Long, List<Contact>> linked = links.linkedContacts(ws, ids);
    Map<Long, List<String>> contactIds = new LinkedHashMap<>();
    linked.forEach((id, list) -> contactIds.put(id, list.stream().map(Contact::id).toList()));
    Map<Long, List<Long>> teammates = parts.teammateIds(ws, ids);
    Map<Long, List<AppliedTag>> tags = links.tags(ws, ids);
    Map<Long, List<Attachment>> sources = parts.sourceAttachments(ws, ids);
    Map<Long, ConversationMetrics> metrics = repos.metrics().findAll(ws, ids);
    Map<Long, List<LinkedObject>> linkedObjects = links.linkedObjects(ws, ids);
    Set<String> contactRefs = new HashSet<>();
    Set<Long> adminRefs = new HashSet<>();
    for (Conversation c : page) {
      contactRefs.addAll(contactIds.getOrDefault(c.id(), List.of()));
      adminRefs.addAll(teammates.getOrDefault(c.id(), List.of()));
      addAuthor(c.source().authorType(), c.source().authorId(), contactRefs, adminRefs);
    }
    List<Contact> allLinked = new ArrayList<>();
    linked.values().forEach(allLinked::addAll);
    Map<String, Contact> contacts = contacts(repos, ws, allLinked, contactRefs);
    Map<Long, Admin> admins = repos.admins().findAll(ws, adminRefs);
    List<ConversationDetails> items = new ArrayList<>(page.size());
    for (Conversation c : page) {
      items.add(
          new ConversationDetails(
              c,
              contactIds.getOrDefault(c.id(), List.of()),
              contacts,
              tags.getOrDefault(c.id(), List.of()),
              null,
              metrics.containsKey(c.id()) ? metrics.get(c.id()).countParts() : 0,
              sources.getOrDefault(c.id(), List.of()),
              metrics.get(c.id()),
              teammates.getOrDefault(c.id(), List.of()),
              admins,
              linkedObjects.getOrDefault(c.id(), List.of())));
    }
    return items;
  }

  /**
   * The contacts {@code refs} names, by id: those among {@code linked} (already read), then the
   * others (authors of parts or sources no longer linked), read only when there are any.
   */
  private static Map<String, Contact> contacts(
      Repositories repos, long ws, List<Contact> linked, Set<String> refs) {
    Map<String, Contact> contacts = new LinkedHashMap<>();
    for (Contact contact : linked) {
      if (refs.contains(contact.id())) {
        contacts.put(contact.id(), contact);
      }
    }
    if (contacts.size() < refs.size()) {
      Set<String> missing = new HashSet<>(refs);
      missing.removeAll(contacts.keySet());
      contacts.putAll(repos.contacts().findAll(ws, missing));
    }
    return contacts;
  }

  private static void addAuthor(
      AuthorType type, String id, Collection<String> contacts, Collection<Long> admins) {
    if (type == AuthorType.ADMIN) {
      try {
        admins.add(Long.parseLong(id));
      } catch (NumberFormatException e) {
        // not an admin id; nothing to look up
      }
    } else if (type.isContact()) {
      contacts.add(id);
    }
  }
}
