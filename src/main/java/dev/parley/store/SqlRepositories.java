package dev.parley.store;

import dev.parley.domain.Repositories;
import dev.parley.domain.admin.AdminRepository;
import dev.parley.domain.contact.ContactRepository;
import dev.parley.domain.conversation.BlobDeletionRepository;
import dev.parley.domain.conversation.ConversationRepository;
import dev.parley.domain.conversation.ErasureRepository;
import dev.parley.domain.conversation.MetricsRepository;
import dev.parley.domain.tag.TagRepository;
import dev.parley.domain.workspace.WorkspaceRepository;
import org.jdbi.v3.core.Handle;

/** The SQL repositories of one transaction, all on one JDBI handle. */
final class SqlRepositories implements Repositories {
  private final Handle handle;
  private final Dialect dialect;

  SqlRepositories(Handle handle, Dialect dialect) {
    this.handle = handle;
    this.dialect = dialect;
  }

  @Override
  public WorkspaceRepository workspaces() {
    return new SqlWorkspaceRepository(handle);
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
  public ConversationRepository conversations() {
    return new SqlConversationRepository(handle, dialect);
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
  public long nextIds(String kind, int count) {
    long next =
        handle
            .createQuery(
                "UPDATE id_counters SET next_id = next_id + :count WHERE name = :name RETURNING next_id")
            .bind("count", count)
            .bind("name", kind)
            .mapTo(Long.class)
            .one();
    return next - count;
  }
}
