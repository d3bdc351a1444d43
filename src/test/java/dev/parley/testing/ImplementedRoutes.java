package dev.parley.testing;

import dev.parley.app.Parley;
import dev.parley.config.ParleyConfig;
import dev.parley.http.ApiRoute;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The routes parley serves, read from its composition root ({@link Parley#routes()}, the {@link
 * dev.parley.http.RouteTable}) built over a throw-away SQLite data dir, never started. Tests that
 * must follow the route table as it grows (the meta-test, the Postman run, the 404 test of
 * unimplemented operations) take it from here.
 */
public final class ImplementedRoutes {
  /**
   * One route.
   *
   * @param method upper case
   * @param path Javalin's template, e.g. {@code /conversations/{id}}
   * @param intercom the operation of Intercom's descriptions it belongs to, empty for parley's own
   *     routes (health, metrics, uploads)
   */
  public record Route(
      String method,
      String path,
      String operationId,
      Optional<IntercomDescription.Operation> intercom) {}

  private static volatile List<Route> routes;

  private ImplementedRoutes() {}

  /** Every route of the route table, in its order. */
  public static List<Route> all() {
    if (routes == null) {
      synchronized (ImplementedRoutes.class) {
        if (routes == null) {
          routes = load();
        }
      }
    }
    return routes;
  }

  /** The operations of Intercom's descriptions that parley serves. */
  public static List<IntercomDescription.Operation> intercomOperations() {
    return all().stream().flatMap(r -> r.intercom().stream()).distinct().toList();
  }

  /** Whether a route serves {@code method} on the description path {@code template}. */
  public static boolean implemented(String method, String template) {
    return intercomOperations().stream()
        .anyMatch(op -> op.method().equalsIgnoreCase(method) && op.template().equals(template));
  }

  private static List<Route> load() {
    Path dir;
    try {
      dir = Files.createTempDirectory("parley-routes");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ParleyConfig config =
        ParleyConfig.defaults(dir)
            .withHttp(
                new ParleyConfig.Http(
                    "127.0.0.1", 0, null, ParleyConfig.Http.DEFAULT_MAX_REQUEST_BYTES))
            .withStore(
                new ParleyConfig.Store(
                    dir,
                    null,
                    null,
                    null,
                    null,
                    1,
                    ParleyConfig.Store.DEFAULT_SQLITE_WAL_LIMIT_BYTES));
    try (Parley parley = new Parley(config, Clock.systemUTC())) {
      return parley.routes().stream().map(ImplementedRoutes::route).toList();
    } finally {
      deleteTree(dir);
    }
  }

  private static Route route(ApiRoute r) {
    String method = r.method().name().toUpperCase(Locale.ROOT);
    return new Route(
        method, r.path(), r.operationId(), IntercomDescription.resolveRoute(method, r.path()));
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
  }
}
