package dev.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operations of Intercom's API descriptions (test resources: 2.14, and Unstable for the
 * operations parley takes from it): method, path template, operationId and documented statuses; and
 * the matching of a concrete path ({@code /conversations/12}) or a route template ({@code
 * /conversations/{id}}) to the operation it belongs to.
 */
public final class IntercomDescription {
  /** Where an operation is described. */
  public enum Source {
    V2_14("intercom/intercom-api-2.14.yaml"),
    UNSTABLE("intercom/intercom-api-unstable.yaml");

    final String resource;

    Source(String resource) {
      this.resource = resource;
    }
  }

  /**
   * One operation of a description.
   *
   * @param method upper case, e.g. {@code GET}
   * @param template the description's path, e.g. {@code /conversations/{conversation_id}}
   * @param operationId null for the few operations that have none (reporting export)
   * @param statuses the documented response statuses
   * @param tags the description's tags (the Postman collection's folders)
   */
  public record Operation(
      Source source,
      String method,
      String template,
      String operationId,
      Set<Integer> statuses,
      List<String> tags) {
    /** {@code "METHOD /template"}. */
    public String key() {
      return method + " " + template;
    }
  }

  private static final Map<Source, IntercomDescription> LOADED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final Source source;
  private final ObjectNode tree;
  private final List<Operation> operations;

  private IntercomDescription(Source source, ObjectNode tree) {
    this.source = source;
    this.tree = tree;
    this.operations = List.copyOf(readOperations(source, tree));
  }

  /** The description of one source, parsed once per JVM. */
  public static IntercomDescription of(Source source) {
    return LOADED.computeIfAbsent(source, IntercomDescription::load);
  }

  public Source source() {
    return source;
  }

  /** A deep copy of the parsed description, to repair or hand to a validator. */
  public ObjectNode copyOfTree() {
    return tree.deepCopy();
  }

  public List<Operation> operations() {
    return operations;
  }

  /**
   * The operation a request or route belongs to, in 2.14 or else Unstable: the path template whose
   * segments match best (a literal segment beats a parameter, so {@code /conversations/search} is
   * not {@code /conversations/{conversation_id}}); on a tie 2.14 wins. Path parameters in {@code
   * path} ({@code {id}} or {@code <id>}) match only parameters of the template. Empty when neither
   * description has the method and path.
   */
  public static Optional<Operation> resolve(String method, String path) {
    return resolve(method, path, false);
  }

  /**
   * The operation a route template ({@code /conversations/{id}}) serves: like {@link
   * #resolve(String, String)}, except that a literal segment of the route never stands for a
   * parameter of the description ({@code /conversations/deleted} is not {@code
   * retrieveConversation}).
   */
  public static Optional<Operation> resolveRoute(String method, String routePath) {
    return resolve(method, routePath, true);
  }

  private static Optional<Operation> resolve(String method, String path, boolean route) {
    String m = method.toUpperCase(Locale.ROOT);
    String[] segments = segments(path);
    Operation best = null;
    int bestScore = -1;
    for (Source source : Source.values()) {
      for (Operation op : of(source).operations) {
        if (!op.method.equals(m)) {
          continue;
        }
        int score = score(segments, segments(op.template), route);
        if (score > bestScore) {
          best = op;
          bestScore = score;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** The operation with this method and exact template in this description. */
  public Optional<Operation> operation(String method, String template) {
    return operations.stream()
        .filter(op -> op.method.equalsIgnoreCase(method) && op.template.equals(template))
        .findFirst();
  }

  private static int score(String[] path, String[] template, boolean route) {
    if (path.length != template.length) {
      return -1;
    }
    int score = 0;
    for (int i = 0; i < path.length; i++) {
      boolean pathParam = isParam(path[i]);
      boolean templateParam = isParam(template[i]);
      if (templateParam && pathParam) {
        score += 3;
      } else if (!templateParam && !pathParam && template[i].equals(path[i])) {
        score += 3;
      } else if (templateParam && !route && !path[i].isEmpty()) {
        score += 1;
      } else {
        return -1;
      }
    }
    return score;
  }

  private static boolean isParam(String segment) {
    return (segment.startsWith("{") && segment.endsWith("}"))
        || (segment.startsWith("<") && segment.endsWith(">"));
  }

  private static String[] segments(String path) {
    String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    if (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.isEmpty() ? new String[0] : p.split("/", -1);
  }

  private static List<Operation> readOperations(Source source, JsonNode tree) {
    List<Operation> ops = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> paths = tree.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
      while (methods.hasNext()) {
        Map.Entry<String, JsonNode> entry = methods.next();
        String method = entry.getKey().toUpperCase(Locale.ROOT);
        if (!Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
          continue;
        }
        JsonNode op = entry.getValue();
        Set<Integer> statuses = new TreeSet<>();
        op.path("responses")
            .fieldNames()
            .forEachRemaining(
                code -> {
                  if (code.matches("\\d{3}")) {
                    statuses.add(Integer.parseInt(code));
                  }
                });
        List<String> tags = new ArrayList<>();
        op.path("tags").forEach(t -> tags.add(t.asText()));
        ops.add(
            new Operation(
                source,
                method,
                path.getKey(),
                op.hasNonNull("operationId") ? op.get("operationId").asText() : null,
                Set.copyOf(statuses),
                List.copyOf(tags)));
      }
    }
    return ops;
  }

  private static IntercomDescription load(Source source) {
    try (InputStream in =
        IntercomDescription.class.getClassLoader().getResourceAsStream(source.resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + source.resource);
      }
      return new IntercomDescription(source, (ObjectNode) new YAMLMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
