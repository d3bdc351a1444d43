package dev.parley.domain;

import dev.parley.domain.admin.AdminRepository;
import dev.parley.domain.company.CompanyRepository;
import dev.parley.domain.contact.ContactRepository;
import dev.parley.domain.contact.ContactTagRepository;
import dev.parley.domain.conversation.BlobDeletionRepository;
import dev.parley.domain.conversation.ConversationLinkRepository;
import dev.parley.domain.conversation.ConversationPartRepository;
import dev.parley.domain.conversation.ConversationRepository;
import dev.parley.domain.conversation.ErasureRepository;
import dev.parley.domain.conversation.MetricsRepository;
import dev.parley.domain.conversation.UploadIntentRepository;
import dev.parley.domain.event.DataEventRepository;
import dev.parley.domain.note.NoteRepository;
import dev.parley.domain.reporting.ExportJobRepository;
import dev.parley.domain.reporting.ReportingRepository;
import dev.parley.domain.segment.SegmentRepository;
import dev.parley.domain.segment.SubscriptionTypeRepository;
import dev.parley.domain.tag.TagRepository;
import dev.parley.domain.ticket.TicketRepository;
import dev.parley.domain.ticket.TicketTypeRepository;
import dev.parley.domain.webhook.WebhookRepository;
import dev.parley.domain.workspace.WorkspaceErasureRepository;
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

  /** Ticket types, their attributes and the workspace's ticket states. */
  TicketTypeRepository ticketTypes();

  /** The ticket columns of conversation rows. */
  TicketRepository tickets();

  /** Tags applied to contacts. */
  ContactTagRepository contactTags();

  /** Notes on contacts. */
  NoteRepository notes();

  /** Data events of contacts and their summaries. */
  DataEventRepository events();

  /** Custom data attributes of contacts, companies and conversations. */
  dev.parley.domain.attribute.DataAttributeRepository dataAttributes();

  /** Segments and the contacts in them. */
  SegmentRepository segments();

  /** Subscription types and contacts' choices about them. */
  SubscriptionTypeRepository subscriptionTypes();

  /** Companies and the contacts attached to them. */
  CompanyRepository companies();

  /** Tags applied to companies. */
  dev.parley.domain.company.CompanyTagRepository companyTags();

  ConversationRepository conversations();

  ConversationLinkRepository conversationLinks();

  ConversationPartRepository conversationParts();

  MetricsRepository metrics();

  ErasureRepository erasures();

  BlobDeletionRepository blobDeletions();

  UploadIntentRepository uploadIntents();

  ExportJobRepository exportJobs();

  ReportingRepository reporting();

  WebhookRepository webhooks();

  /** Every row of a workspace, for deleting and resetting it (issue 17). */
  WorkspaceErasureRepository workspaceErasure();

  /** Workspace snapshots, which erasures reach too (issue 17). */
  dev.parley.domain.operator.SnapshotRepository snapshots();

  /**
   * Runs {@code action} once this transaction has committed, on the thread that committed it,
   * before the work's caller hears back; never when it rolls back. An action that throws is logged
   * and ignored. For signals to background workers (such as waking webhook delivery), never for
   * writes.
   */
  void afterCommit(Runnable action);

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
