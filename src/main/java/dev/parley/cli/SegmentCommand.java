package dev.parley.cli;

import dev.parley.domain.segment.Segment;
import dev.parley.domain.segment.SegmentService;
import dev.parley.http.segments.SegmentRoutes;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code segment create --workspace W --name N [--person-type user|lead]}, {@code segment delete
 * --workspace W --id S}, {@code segment add-contact --workspace W --id S --contact C} and {@code
 * segment remove-contact ...}: a workspace's segments and the contacts in them. In Intercom rules
 * an admin writes decide who is in a segment, and the 2.14 API only reads segments ({@code GET
 * /segments}, {@code /segments/{id}}, {@code /contacts/{id}/segments}); parley has no segment
 * builder, so an operator puts contacts in. Errors (an unknown workspace, segment or contact, a
 * taken name, a lead for a segment of users) go to standard error with exit code 2.
 */
@Command(
    name = "segment",
    description = "Add or delete a workspace's segments and put contacts in them.",
    subcommands = {
      SegmentCommand.Create.class,
      SegmentCommand.Delete.class,
      SegmentCommand.AddContact.class,
      SegmentCommand.RemoveContact.class
    })
public final class SegmentCommand extends CommandGroup {
  private static <T> T withSegments(
      WorkspaceStoreOptions store, BiFunction<Long, SegmentService, T> action) {
    return store.withStore(
        (workspaces, opened) ->
            action.apply(
                workspaces.find(store.workspace).id(), new SegmentService(opened, store.clock())));
  }

  @Command(name = "create", description = "Add an empty segment and print it as JSON.")
  static final class Create implements Callable<Integer> {
    @Mixin WorkspaceStoreOptions store;

    @Option(names = "--name", required = true, description = "The segment's name, unique.")
    String name;

    @Option(
        names = "--person-type",
        defaultValue = "user",
        description = "user or lead: the contacts it holds (default: ${DEFAULT-VALUE}).")
    String personType;

    @Override
    public Integer call() {
      Segment s = withSegments(store, (ws, segments) -> segments.create(ws, name, personType));
      JsonOutput.print(SegmentRoutes.render(s, null));
      return 0;
    }
  }

  @Command(name = "delete", description = "Delete a segment; its contacts stay.")
  static final class Delete extends WorkspaceObjectCommand {
    @Override
    Object act() {
      withSegments(
          store,
          (ws, segments) -> {
            segments.delete(ws, id);
            return null;
          });
      return "deleted segment " + id;
    }
  }

  /** {@code add-contact} and {@code remove-contact}: one contact in or out of a segment. */
  abstract static class Membership extends WorkspaceObjectCommand {
    /** A change of membership: false when there was nothing to change. */
    interface Change {
      boolean apply(SegmentService segments, long workspaceId, long segmentId, String contactId);
    }

    private final Change change;
    private final String changed;
    private final String unchanged;
    private final String preposition;

    Membership(Change change, String changed, String unchanged, String preposition) {
      this.change = change;
      this.changed = changed;
      this.unchanged = unchanged;
      this.preposition = preposition;
    }

    @Option(names = "--contact", required = true, description = "The contact's id.")
    String contact;

    @Override
    final Object act() {
      boolean done = withSegments(store, (ws, segments) -> change.apply(segments, ws, id, contact));
      return (done ? changed : unchanged) + contact + preposition + id;
    }
  }

  @Command(name = "add-contact", description = "Put a contact in a segment.")
  static final class AddContact extends Membership {
    AddContact() {
      super(SegmentService::addContact, "added contact ", "contact already in segment: ", " to ");
    }
  }

  @Command(name = "remove-contact", description = "Take a contact out of a segment.")
  static final class RemoveContact extends Membership {
    RemoveContact() {
      super(
          SegmentService::removeContact,
          "removed contact ",
          "contact was not in segment: ",
          " from ");
    }
  }
}
