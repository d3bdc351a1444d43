package dev.parley.domain.conversation;

import java.util.List;

/** The erasure log. */
public interface ErasureRepository {
  void insert(Erasure erasure);

  /** Erasures of a workspace ordered by (erased_at, id), ascending or descending. */
  List<Erasure> page(long workspaceId, boolean ascending, int offset, int limit);

  long count(long workspaceId);
}
