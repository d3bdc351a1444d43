package dev.parley.domain.contact;

import dev.parley.domain.Repositories;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rendered contact's {@code tags}, {@code notes} and {@code companies} lists show
 * (Intercom's {@code contact_tags}, {@code contact_notes}, {@code contact_companies}): the ids of
 * the tags applied to it (tag id order), of its notes (newest first) and of the companies it is
 * attached to (in the order attached), all of them; the renderer shows the first 10 and the total.
 */
public record ContactLinks(List<Long> tagIds, List<Long> noteIds, List<String> companyIds) {
  /** A contact without tags, notes or companies (a new one). */
  public static final ContactLinks NONE = new ContactLinks(List.of(), List.of(), List.of());

  /** The links of each of these contacts, read in the caller's transaction. */
  public static Map<String, ContactLinks> of(
      Repositories repos, long workspaceId, Collection<String> contactIds) {
    Map<String, ContactLinks> links = new HashMap<>();
    if (contactIds.isEmpty()) {
      return links;
    }
    Map<String, List<Long>> tags = repos.contactTags().idsByContact(workspaceId, contactIds);
    Map<String, List<Long>> notes = repos.notes().idsByContact(workspaceId, contactIds);
    Map<String, List<String>> companies = repos.companies().idsByContact(workspaceId, contactIds);
    for (String id : contactIds) {
      links.put(
          id,
          new ContactLinks(
              tags.getOrDefault(id, List.of()),
              notes.getOrDefault(id, List.of()),
              companies.getOrDefault(id, List.of())));
    }
    return links;
  }

  /** The links of one contact, read in the caller's transaction. */
  public static ContactLinks of(Repositories repos, long workspaceId, String contactId) {
    return of(repos, workspaceId, List.of(contactId)).get(contactId);
  }
}
