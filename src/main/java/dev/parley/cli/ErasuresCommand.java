package dev.parley.cli;

import dev.parley.app.Parley;
import dev.parley.blob.FilesystemBlobStore;
import dev.parley.config.ParleyConfig;
import dev.parley.domain.Store;
import dev.parley.domain.conversation.Erasure;
import dev.parley.domain.conversation.ErasureService;
import dev.parley.domain.operator.WorkspaceService;
import dev.parley.domain.workspace.Workspace;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code erasures --workspace W}: the erasure log, one line per erased conversation, no content.
 */
@Command(
    name = "erasures",
    description =
        "Print the erasure log of a workspace: which conversation was erased, when, by which admin"
            + " and token, and how many parts and uploads.")
public final class ErasuresCommand implements Callable<Integer> {
  @Mixin WorkspaceStoreOptions store;

  @Override
  public Integer call() throws IOException {
    ParleyConfig config = store.config();
    try (Store opened = Parley.openStore(config)) {
      Workspace ws = new WorkspaceService(opened, Clock.systemUTC()).find(store.workspace);
      ErasureService erasures =
          new ErasureService(
              opened,
              new FilesystemBlobStore(config.store().effectiveBlobDir()),
              Clock.systemUTC());
      System.out.println(
          "conversation_id\terased_at\tadmin_id\ttoken_id\tparts_erased\tuploads_erased"
              + "\tretain_metrics");
      for (Erasure e : erasures.log(ws.id())) {
        System.out.println(
            e.conversationId()
                + "\t"
                + Instant.ofEpochSecond(e.erasedAt())
                + "\t"
                + e.adminId()
                + "\t"
                + e.tokenId()
                + "\t"
                + e.partsErased()
                + "\t"
                + e.uploadsErased()
                + "\t"
                + e.retainMetrics());
      }
    }
    return 0;
  }
}
