package dev.parley.domain;

import dev.parley.domain.admin.AdminRepository;
import dev.parley.domain.contact.ContactRepository;
import dev.parley.domain.conversation.BlobDeletionRepository;
import dev.parley.domain.conversation.ConversationLinkRepository;
import dev.parley.domain.conversation.ConversationPartRepository;
import dev.parley.domain.conversation.ConversationRepository;
import dev.parley.domain.conversation.ErasureRepository;
import dev.parley.domain.conversation.MetricsRepository;
import dev.parley.domain.conversation.UploadIntentRepository;
import dev.parley.domain.reporting.ExportJobRepository;
import dev.parley.domain.reporting.ReportingRepository;
import dev.parley.domain.tag.TagRepository;
import dev.parley.domain.workspace.WorkspaceRepository;

/**
 * The repositories of one transaction, handed to the work given to {@link Store#read} or {@link
 * Store#write}. They are valid only inside that work.
 */
public interface Repositories {
  WorkspaceRepository workspaces();

  AdminRepository admins();

  ContactRepository contacts();

  TagRepository tags();

  ConversationRepository conversations();

  ConversationLinkRepository conversationLinks();

  ConversationPartRepository conversationParts();

  MetricsRepository metrics();

  ErasureRepository erasures();

  BlobDeletionRepository blobDeletions();

  UploadIntentRepository uploadIntents();

  ExportJobRepository exportJobs();

  ReportingRepository reporting();

  /**
   * Allocates {@code count} new ids of one kind ({@code "conversation"}, {@code "part"}, ...),
   * unique and increasing across the store, and returns the first; the rest follow it.
   */
  long nextIds(String kind, int count);

  /** One new id of {@code kind}. */
  default long nextId(String kind) {
    return nextIds(kind, 1);
  }
}
