package dev.parley.store;

import dev.parley.domain.Repositories;
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
import dev.parley.store.migration.IdSequencesMigration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The SQL repositories of one transaction, all on one JDBI handle. */
final class SqlRepositories implements Repositories {
  private static final int BLOCK_ATTEMPTS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(SqlRepositories.class);

  private final Handle handle;
  private final Dialect dialect;
  private final Set<String> sequenceKinds;
  private List<Runnable> afterCommit;

  SqlRepositories(Handle handle, Dialect dialect) {
    this(handle, dialect, Set.of());
  }

  /**
   * @param sequenceKinds id kinds allocated from a sequence {@code ids_<kind>} (PostgreSQL, see
   *     {@link dev.parley.store.migration.IdSequencesMigration}); the others come from {@code
   *     id_counters}
   */
  SqlRepositories(Handle handle, Dialect dialect, Set<String> sequenceKinds) {
    this.handle = handle;
    this.dialect = dialect;
    this.sequenceKinds = sequenceKinds;
  }

  /** The transaction's handle (store-level tests). */
  Handle handle() {
    return handle;
  }

  @Override
  public WorkspaceRepository workspaces() {
    return new SqlWorkspaceRepository(handle, dialect);
  }

  @Override
  public AdminRepository admins() {
    return new SqlAdminRepository(handle);
  }

  @Override
  public ContactRepository contacts() {
    return new SqlContactRepository(handle, dialect);
  }

  @Override
  public TagRepository tags() {
    return new SqlTagRepository(handle);
  }

  @Override
  public TicketTypeRepository ticketTypes() {
    return new SqlTicketTypeRepository(handle);
  }

  @Override
  public TicketRepository tickets() {
    return new SqlTicketRepository(handle, dialect);
  }

  @Override
  public ContactTagRepository contactTags() {
    return new SqlContactTagRepository(handle);
  }

  @Override
  public CompanyRepository companies() {
    return new SqlCompanyRepository(handle, dialect);
  }

  @Override
  public dev.parley.domain.company.CompanyTagRepository companyTags() {
    return new SqlCompanyTagRepository(handle);
  }

  @Override
  public dev.parley.domain.attribute.DataAttributeRepository dataAttributes() {
    return new SqlDataAttributeRepository(handle);
  }

  @Override
  public NoteRepository notes() {
    return new SqlNoteRepository(handle);
  }

  @Override
  public DataEventRepository events() {
    return new SqlDataEventRepository(handle);
  }

  @Override
  public SegmentRepository segments() {
    return new SqlSegmentRepository(handle);
  }

  @Override
  public SubscriptionTypeRepository subscriptionTypes() {
    return new SqlSubscriptionTypeRepository(handle);
  }

  @Override
  public ConversationRepository conversations() {
    return new SqlConversationRepository(handle, dialect);
  }

  @Override
  public ConversationLinkRepository conversationLinks() {
    return new SqlConversationLinks(handle);
  }

  @Override
  public ConversationPartRepository conversationParts() {
    return new SqlConversationParts(handle);
  }

  @Override
  public MetricsRepository metrics() {
    return new SqlMetricsRepository(handle);
  }

  @Override
  public ErasureRepository erasures() {
    return new SqlErasureRepository(handle);
  }

  @Override
  public BlobDeletionRepository blobDeletions() {
    return new SqlBlobDeletionRepository(handle, dialect);
  }

  @Override
  public UploadIntentRepository uploadIntents() {
    return new SqlUploadIntentRepository(handle, dialect);
  }

  @Override
  public ExportJobRepository exportJobs() {
    return new SqlExportJobRepository(handle, dialect);
  }

  @Override
  public ReportingRepository reporting() {
    return new SqlReportingRepository(handle, dialect);
  }

  @Override
  public WebhookRepository webhooks() {
    return new SqlWebhookRepository(handle, dialect);
  }

  @Override
  public WorkspaceErasureRepository workspaceErasure() {
    return new SqlWorkspaceErasureRepository(handle, dialect);
  }

  @Override
  public dev.parley.domain.operator.SnapshotRepository snapshots() {
    return new SqlSnapshotRepository(handle);
  }

  @Override
  public void afterCommit(Runnable action) {
    if (afterCommit == null) {
      afterCommit = new ArrayList<>(2);
    }
    afterCommit.add(action);
  }

  /** Runs the actions {@link #afterCommit} collected; the store calls it after its commit. */
  void committed() {
    if (afterCommit == null) {
      return;
    }
    for (Runnable action : afterCommit) {
      try {
        action.run();
      } catch (RuntimeException e) {
        LOG.warn("an after-commit action failed: {}", e.getClass().getSimpleName());
      }
    }
    afterCommit = null;
  }

  @Override
  public long nextIds(String kind, int count) {
    if (sequenceKinds.contains(kind)) {
      return nextIdsFromSequence(IdSequencesMigration.sequenceName(kind), count);
    }
    long next =
        handle
            .createQuery(
                "UPDATE id_counters SET next_id = next_id + :count WHERE name = :name RETURNING"
                    + " next_id")
            .bind("count", count)
            .bind("name", kind)
            .mapTo(Long.class)
            .one();
    return next - count;
  }

  /**
   * {@code count} consecutive values of a sequence. nextval holds no lock, so another transaction
   * may take a value in the middle of a block: such a block is dropped (ids need not be dense) and
   * another one taken.
   */
  private long nextIdsFromSequence(String sequence, int count) {
    for (int attempt = 0; attempt < BLOCK_ATTEMPTS; attempt++) {
      List<Long> ids =
          handle
              .createQuery("SELECT nextval('" + sequence + "') FROM generate_series(1, :count)")
              .bind("count", count)
              .mapTo(Long.class)
              .list();
      if (ids.get(ids.size() - 1) - ids.get(0) == count - 1) {
        return ids.get(0);
      }
    }
    throw new IllegalStateException(
        "could not allocate " + count + " consecutive ids from " + sequence);
  }
}
