package dev.parley.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.blob.BlobStore;
import dev.parley.blob.FilesystemBlobStore;
import dev.parley.domain.ApiException;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.domain.admin.AdminRepository;
import dev.parley.domain.contact.ContactRepository;
import dev.parley.domain.contact.ContactService;
import dev.parley.domain.contact.NewContact;
import dev.parley.domain.conversation.Attachment;
import dev.parley.domain.conversation.BlobDeletionRepository;
import dev.parley.domain.conversation.ConversationDetails;
import dev.parley.domain.conversation.ConversationId;
import dev.parley.domain.conversation.ConversationLinkRepository;
import dev.parley.domain.conversation.ConversationPartRepository;
import dev.parley.domain.conversation.ConversationRepository;
import dev.parley.domain.conversation.ConversationService;
import dev.parley.domain.conversation.Erasure;
import dev.parley.domain.conversation.ErasureRepository;
import dev.parley.domain.conversation.ErasureService;
import dev.parley.domain.conversation.MetricsRepository;
import dev.parley.domain.conversation.NewConversation;
import dev.parley.domain.conversation.NewFile;
import dev.parley.domain.conversation.PartType;
import dev.parley.domain.conversation.Reply;
import dev.parley.domain.operator.WorkspaceService;
import dev.parley.domain.reporting.ExportJobRepository;
import dev.parley.domain.reporting.ReportingRepository;
import dev.parley.domain.tag.TagRepository;
import dev.parley.domain.workspace.AuthService;
import dev.parley.domain.workspace.Caller;
import dev.parley.domain.workspace.WorkspaceRepository;
import dev.parley.store.PostgresStore;
import dev.parley.store.SqliteStore;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erasure under faults, on a real store and a real upload directory: the blob store failing, the
 * process dying between the commit and the removal of the bytes, and a failure inside the erasure
 * transaction. The durable deletion queue must heal the first two; the third must leave everything
 * as it was.
 */
class ErasureFaultTest {
  @TempDir Path root;
  Path dataDir;
  String databaseUrl;
  Store store;
  FaultyBlobStore blobs;
  ConversationService conversations;
  ErasureService erasures;
  Caller caller;
  String contactId;

  @BeforeEach
  void open() throws IOException {
    dataDir = root.resolve("data");
    Files.createDirectories(dataDir);
    store = openStore();
    blobs = new FaultyBlobStore(new FilesystemBlobStore(dataDir.resolve("uploads")));
    Clock clock = Clock.systemUTC();
    conversations = new ConversationService(store, blobs, clock);
    erasures = new ErasureService(store, blobs, clock);
    String token =
        new WorkspaceService(store, clock)
            .bootstrap("Owner", "owner@example.com", "fault-token-0123456789abcdef0123456789")
            .orElseThrow();
    caller = new AuthService(store).authenticate(token);
    contactId =
        new ContactService(store, clock)
            .create(
                caller,
                new NewContact(
                    "user",
                    "fault@example.com",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
            .id();
  }

  private Store openStore() {
    if (TestStore.postgres()) {
      if (databaseUrl == null) {
        databaseUrl = TestStore.freshPostgresDatabase();
      }
      return new PostgresStore(databaseUrl, TestStore.pgUser(), null, 4);
    }
    return new SqliteStore(dataDir.resolve("parley.db"), 2);
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void aBlobStoreFailingOnTheFirstAttemptLeavesTheItemQueuedUntilTheNextDrain() {
    long id = conversationWithUpload("first attempt fails");
    String blobKey = onlyBlobKey(id);
    blobs.failures.set(1);

    Erasure erasure = erasures.delete(caller, new ConversationId(id), true);

    assertThat(erasure.uploadsErased()).isEqualTo(1);
    assertThatThrownBy(() -> conversations.get(caller, new ConversationId(id)))
        .isInstanceOf(ApiException.class);
    assertThat(queued()).isEqualTo(1);
    assertThat(blobs.exists(blobKey)).isTrue();

    assertThat(erasures.drainQueue()).isEqualTo(1);
    assertThat(queued()).isZero();
    assertThat(blobs.exists(blobKey)).isFalse();
  }

  @Test
  void aProcessDyingBetweenCommitAndBlobRemovalIsHealedByTheDrainAtStartUp() throws IOException {
    long id = conversationWithUpload("dies after commit");
    String blobKey = onlyBlobKey(id);
    blobs.crash.set(true);

    assertThatThrownBy(() -> erasures.delete(caller, new ConversationId(id), true))
        .isInstanceOf(SimulatedCrash.class);

    assertThat(queued()).isEqualTo(1);
    assertThat(blobs.exists(blobKey)).isTrue();
    store.close();
    store = null;

    ParleyProcess restarted =
        ParleyProcess.in(root)
            .token("fault-token-0123456789abcdef0123456789")
            .databaseUrl(databaseUrl)
            .start();
    assertThat(restarted.api().get("/conversations/" + id).status()).isEqualTo(404);
    restarted.stop();
    try (TestDatabase db = TestDatabase.of(restarted)) {
      assertThat(db.number("SELECT COUNT(*) FROM blob_deletions")).isZero();
      assertThat(db.contentRows(id)).isZero();
    }
    assertThat(new FilesystemBlobStore(dataDir.resolve("uploads")).exists(blobKey)).isFalse();
    assertThat(restarted.log()).contains("blob deletion queue: removed 1 upload(s)");
  }

  @Test
  void aFailureInsideTheErasureTransactionChangesNothing() {
    long id = conversationWithUpload("transaction fails");
    String blobKey = onlyBlobKey(id);
    ConversationDetails before = conversations.get(caller, new ConversationId(id));
    ErasureService failing =
        new ErasureService(new FailingErasureLogStore(store), blobs, Clock.systemUTC());

    assertThatThrownBy(() -> failing.delete(caller, new ConversationId(id), true))
        .hasMessage("injected failure");

    ConversationDetails after = conversations.get(caller, new ConversationId(id));
    assertThat(after.parts()).isEqualTo(before.parts());
    assertThat(after.attachments()).isEqualTo(before.attachments());
    assertThat(after.conversation()).isEqualTo(before.conversation());
    assertThat(after.metrics().deletedAt()).isNull();
    assertThat(blobs.exists(blobKey)).isTrue();
    assertThat(queued()).isZero();
    long logged = store.read(r -> r.erasures().count(caller.workspaceId()));
    assertThat(logged).isZero();

    assertThat(erasures.delete(caller, new ConversationId(id), true).partsErased()).isEqualTo(1);
    assertThat(blobs.exists(blobKey)).isFalse();
  }

  private long conversationWithUpload(String text) {
    long id =
        conversations
            .create(caller, new NewConversation("user", contactId, text, null, List.of(), null))
            .conversationId();
    conversations.reply(
        caller,
        new ConversationId(id),
        new Reply(
            true,
            PartType.COMMENT,
            caller.adminId(),
            null,
            "with a file",
            List.of(),
            List.of(
                new NewFile("f.txt", "text/plain", "file bytes".getBytes(StandardCharsets.UTF_8))),
            List.of(),
            null));
    return id;
  }

  private String onlyBlobKey(long id) {
    List<Attachment> files =
        conversations.get(caller, new ConversationId(id)).attachments().stream()
            .filter(Attachment::isFile)
            .toList();
    assertThat(files).hasSize(1);
    assertThat(blobs.exists(files.get(0).blobKey())).isTrue();
    return files.get(0).blobKey();
  }

  private long queued() {
    return store.read(r -> r.blobDeletions().count());
  }

  /** An error standing for the process dying at that point. */
  static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash() {
      super("simulated crash");
    }
  }

  /** A blob store that fails deletes on demand: with an I/O error, or as a crash. */
  static final class FaultyBlobStore implements BlobStore {
    final BlobStore delegate;
    final AtomicInteger failures = new AtomicInteger();
    final AtomicBoolean crash = new AtomicBoolean();

    FaultyBlobStore(BlobStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public void put(String key, byte[] bytes) throws IOException {
      delegate.put(key, bytes);
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
      return delegate.open(key);
    }

    @Override
    public void delete(String key) throws IOException {
      if (crash.get()) {
        throw new SimulatedCrash();
      }
      if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IOException("injected I/O failure");
      }
      delegate.delete(key);
    }

    @Override
    public boolean exists(String key) {
      return delegate.exists(key);
    }

    @Override
    public java.util.stream.Stream<Stored> list() throws IOException {
      return delegate.list();
    }
  }

  /** A store whose erasure log refuses every insert, inside the erasure transaction. */
  static final class FailingErasureLogStore implements Store {
    final Store delegate;

    FailingErasureLogStore(Store delegate) {
      this.delegate = delegate;
    }

    @Override
    public <T> T read(Function<Repositories, T> work) {
      return delegate.read(work);
    }

    @Override
    public <T> T write(Function<Repositories, T> work) {
      return delegate.write(repos -> work.apply(new FailingRepositories(repos)));
    }

    @Override
    public <T> T erase(Function<Repositories, T> work) {
      return delegate.erase(repos -> work.apply(new FailingRepositories(repos)));
    }

    @Override
    public String kind() {
      return delegate.kind();
    }

    @Override
    public void close() {}
  }

  record FailingRepositories(Repositories delegate) implements Repositories {
    @Override
    public WorkspaceRepository workspaces() {
      return delegate.workspaces();
    }

    @Override
    public dev.parley.domain.workspace.WorkspaceErasureRepository workspaceErasure() {
      return delegate.workspaceErasure();
    }

    @Override
    public dev.parley.domain.operator.SnapshotRepository snapshots() {
      return delegate.snapshots();
    }

    @Override
    public AdminRepository admins() {
      return delegate.admins();
    }

    @Override
    public ContactRepository contacts() {
      return delegate.contacts();
    }

    @Override
    public TagRepository tags() {
      return delegate.tags();
    }

    @Override
    public dev.parley.domain.ticket.TicketTypeRepository ticketTypes() {
      return delegate.ticketTypes();
    }

    @Override
    public dev.parley.domain.ticket.TicketRepository tickets() {
      return delegate.tickets();
    }

    @Override
    public dev.parley.domain.contact.ContactTagRepository contactTags() {
      return delegate.contactTags();
    }

    @Override
    public dev.parley.domain.note.NoteRepository notes() {
      return delegate.notes();
    }

    @Override
    public dev.parley.domain.event.DataEventRepository events() {
      return delegate.events();
    }

    @Override
    public dev.parley.domain.attribute.DataAttributeRepository dataAttributes() {
      return delegate.dataAttributes();
    }

    @Override
    public dev.parley.domain.segment.SegmentRepository segments() {
      return delegate.segments();
    }

    @Override
    public dev.parley.domain.segment.SubscriptionTypeRepository subscriptionTypes() {
      return delegate.subscriptionTypes();
    }

    @Override
    public dev.parley.domain.company.CompanyRepository companies() {
      return delegate.companies();
    }

    @Override
    public dev.parley.domain.company.CompanyTagRepository companyTags() {
      return delegate.companyTags();
    }

    @Override
    public ConversationRepository conversations() {
      return delegate.conversations();
    }

    @Override
    public ConversationLinkRepository conversationLinks() {
      return delegate.conversationLinks();
    }

    @Override
    public ConversationPartRepository conversationParts() {
      return delegate.conversationParts();
    }

    @Override
    public MetricsRepository metrics() {
      return delegate.metrics();
    }

    @Override
    public ErasureRepository erasures() {
      ErasureRepository real = delegate.erasures();
      return new ErasureRepository() {
        @Override
        public void insert(Erasure erasure) {
          throw new IllegalStateException("injected failure");
        }

        @Override
        public List<Erasure> page(long workspaceId, boolean ascending, int offset, int limit) {
          return real.page(workspaceId, ascending, offset, limit);
        }

        @Override
        public long count(long workspaceId) {
          return real.count(workspaceId);
        }
      };
    }

    @Override
    public BlobDeletionRepository blobDeletions() {
      return delegate.blobDeletions();
    }

    @Override
    public dev.parley.domain.conversation.UploadIntentRepository uploadIntents() {
      return delegate.uploadIntents();
    }

    @Override
    public ExportJobRepository exportJobs() {
      return delegate.exportJobs();
    }

    @Override
    public ReportingRepository reporting() {
      return delegate.reporting();
    }

    @Override
    public dev.parley.domain.webhook.WebhookRepository webhooks() {
      return delegate.webhooks();
    }

    @Override
    public void afterCommit(Runnable action) {
      delegate.afterCommit(action);
    }

    @Override
    public long nextIds(String kind, int count) {
      return delegate.nextIds(kind, count);
    }
  }
}
