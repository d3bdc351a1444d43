package dev.parley.store.search;

import static dev.parley.store.search.SearchValues.escape;
import static dev.parley.store.search.SearchValues.ids;
import static dev.parley.store.search.SearchValues.lowerCased;
import static dev.parley.store.search.SearchValues.pattern;
import static dev.parley.store.search.SearchValues.singleWords;

import dev.parley.domain.search.BodyWords;
import dev.parley.domain.search.SearchField.Comparison;
import dev.parley.domain.search.SearchOperator;
import dev.parley.domain.search.SearchQuery;
import dev.parley.domain.search.SearchQuery.Filter;
import dev.parley.domain.search.SearchQuery.Group;
import dev.parley.store.search.SearchTarget.Absent;
import dev.parley.store.search.SearchTarget.Column;
import dev.parley.store.search.SearchTarget.CustomAttribute;
import dev.parley.store.search.SearchTarget.EmailDomain;
import dev.parley.store.search.SearchTarget.IdColumn;
import dev.parley.store.search.SearchTarget.Linked;
import dev.parley.store.search.SearchTarget.Lookup;
import dev.parley.store.search.SearchTarget.Words;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles a {@link SearchQuery} into a parameterized SQL condition ({@link SqlFilter}) over the
 * alias {@code c} of the searched table, each field written as its resource's {@link SearchColumns}
 * say. Every request value becomes a named parameter; the SQL text holds only the registry's
 * expressions, operators and parameter names.
 *
 * <p>Null follows Intercom's search: a field without a value fails {@code =}, {@code IN}, ordering
 * and text operators, and satisfies {@code !=}, {@code NIN} and {@code !~}; {@code = null} and
 * {@code != null} test for its absence and presence. Text operators ({@code ~ !~ ^ $}) ignore case
 * (ASCII case on SQLite, all of Unicode on PostgreSQL); {@code =} on text is exact, except for
 * columns stored lower-case (emails) and for {@code source.body} words.
 */
public final class SearchCompiler {
  private static final String TRUE = "1 = 1";
  private static final String FALSE = "1 = 0";
  private static final long DAY = 86_400;

  private final SearchColumns columns;
  private final SearchDialect dialect;
  private final ListMatch lists;
  private final Map<String, Object> params = new LinkedHashMap<>();
  private final LinkedRows linkedRows;
  private boolean subqueries;
  private boolean conjunct;

  private SearchCompiler(
      SearchColumns columns, SearchDialect dialect, ListMatch lists, LinkedRows linkedRows) {
    this.columns = columns;
    this.dialect = dialect;
    this.lists = lists;
    this.linkedRows = linkedRows;
  }

  /**
   * Tells the compiler whether the rows of a list condition are few, by running a statement in the
   * store: for a list condition that every match must satisfy (the query itself, or a term of its
   * top-level {@code AND}), a few ids are written as {@link SearchDialect#amongFew}, which makes
   * them drive the search whatever the planner's costs say (issue 15: PostgreSQL read every contact
   * by a sequential scan against a tag's 1,500 ids).
   */
  @FunctionalInterface
  public interface LinkedRows {
    /**
     * Whether {@code rows} (a {@code SELECT} of the linked ids; its parameters, and {@code :ws} for
     * the workspace, in {@code params}) returns at most {@code limit} rows.
     */
    boolean atMost(String rows, Map<String, Object> params, long limit);
  }

  /**
   * How conditions on rows of other tables (list fields, {@code source.body} words) are written.
   * Both mean the same; they differ in what a database does fastest.
   */
  public enum ListMatch {
    /**
     * {@code c.id IN (SELECT ...)}: the other table's index finds the matching ids, which then
     * drive the search. Best for counting, and for pages of few matches.
     */
    SUBQUERY,
    /**
     * {@code EXISTS (SELECT ... WHERE x.conversation_id = c.id)}: each row met while walking the
     * search order is checked on its own. Best for a page of a query with many matches, where a
     * full page is met after few rows.
     */
    CORRELATED
  }

  /** The SQL condition of {@code query}, with its parameters; list conditions as subqueries. */
  public static SqlFilter compile(SearchQuery query, SearchColumns columns, SearchDialect dialect) {
    return compile(query, columns, dialect, ListMatch.SUBQUERY);
  }

  /**
   * The SQL condition of {@code query}, with its parameters, list conditions written as {@code
   * lists}.
   */
  public static SqlFilter compile(
      SearchQuery query, SearchColumns columns, SearchDialect dialect, ListMatch lists) {
    return compile(query, columns, dialect, lists, null);
  }

  /**
   * The SQL condition of {@code query}, with its parameters, list conditions written as {@code
   * lists}; a list condition that every match must satisfy, and whose rows {@code linkedRows} finds
   * to be at most {@link #FEW_IDS}, is written as {@link SearchDialect#amongFew} instead.
   *
   * @param linkedRows asked once per such list condition while compiling; null never to ask
   */
  public static SqlFilter compile(
      SearchQuery query,
      SearchColumns columns,
      SearchDialect dialect,
      ListMatch lists,
      LinkedRows linkedRows) {
    SearchCompiler compiler = new SearchCompiler(columns, dialect, lists, linkedRows);
    String sql = compiler.query(query, true);
    return new SqlFilter(sql, compiler.params, compiler.subqueries);
  }

  /** A list condition with at most this many ids is written {@link SearchDialect#amongFew}. */
  public static final long FEW_IDS = 2_000;

  /**
   * A cheaper way to count the matches of a query that is a single {@code source.body} filter with
   * {@code =} or {@code IN}, the commonest word search: a {@code SELECT COUNT} statement over
   * {@code conversation_words} alone, which holds rows of live conversations only (they are written
   * and erased with the conversation), one per word and conversation. It needs no look-up of each
   * match in {@code conversations}. Empty for any other query.
   *
   * @param columns the registry {@code query}'s fields resolve in
   */
  public static Optional<SqlStatement> wordCount(SearchQuery query, SearchColumns columns) {
    if (!(query instanceof Filter f)
        || !(columns.target(f.field()) instanceof Words)
        || !(f.operator() == SearchOperator.EQ || f.operator() == SearchOperator.IN)
        || f.value() == null) {
      return Optional.empty();
    }
    SearchCompiler compiler = new SearchCompiler(columns, null, ListMatch.SUBQUERY, null);
    List<String> words = singleWords(f.values());
    if (words.isEmpty()) {
      return Optional.of(new SqlStatement("SELECT 0", Map.of()));
    }
    String sql =
        words.size() == 1
            ? "SELECT COUNT(*) FROM conversation_words w WHERE w.workspace_id = :ws AND w.word = "
                + compiler.param(words.get(0))
            : "SELECT COUNT(DISTINCT w.conversation_id) FROM conversation_words w WHERE"
                + " w.workspace_id = :ws AND w.word IN ("
                + compiler.params(words)
                + ")";
    return Optional.of(new SqlStatement(sql, compiler.params));
  }

  /**
   * A condition on the rows of {@code table} (alias {@code alias}) that belong to the searched row
   * {@code c} (their {@code owner} column holds its id): some row satisfies {@code condition}, or,
   * {@code negated}, none does.
   */
  private String rowsOf(
      String table, String alias, String owner, String condition, boolean negated) {
    if (lists == ListMatch.CORRELATED) {
      return (negated ? "NOT EXISTS" : "EXISTS")
          + " (SELECT 1 FROM "
          + table
          + " "
          + alias
          + " WHERE "
          + alias
          + ".workspace_id = c.workspace_id AND "
          + alias
          + "."
          + owner
          + " = c.id"
          + (condition == null ? "" : " AND " + condition)
          + ")";
    }
    subqueries = true;
    String rows =
        "SELECT "
            + alias
            + "."
            + owner
            + " FROM "
            + table
            + " "
            + alias
            + " WHERE "
            + alias
            + ".workspace_id = :ws"
            + (condition == null ? "" : " AND " + condition);
    if (!negated
        && conjunct
        && linkedRows != null
        && linkedRows.atMost(rows, used(rows), FEW_IDS)) {
      return dialect.amongFew("c.id", rows);
    }
    return "c.id " + (negated ? "NOT IN" : "IN") + " (" + rows + ")";
  }

  /** The parameters {@code sql} names. */
  private Map<String, Object> used(String sql) {
    Map<String, Object> used = new LinkedHashMap<>();
    params.forEach(
        (name, value) -> {
          if (sql.matches("(?s).*:" + name + "\\b.*")) {
            used.put(name, value);
          }
        });
    return used;
  }

  /**
   * @param mustHold whether every match must satisfy {@code query} (it is the whole query, or a
   *     term of the top-level AND)
   */
  private String query(SearchQuery query, boolean mustHold) {
    if (query instanceof Group group) {
      if (group.items().isEmpty()) {
        return group.logic() == SearchQuery.Logic.AND ? TRUE : FALSE;
      }
      List<String> parts = new ArrayList<>();
      boolean itemsMustHold =
          mustHold && (group.logic() == SearchQuery.Logic.AND || group.items().size() == 1);
      for (SearchQuery item : group.items()) {
        parts.add(query(item, itemsMustHold));
      }
      return "("
          + String.join(group.logic() == SearchQuery.Logic.AND ? " AND " : " OR ", parts)
          + ")";
    }
    Filter filter = (Filter) query;
    conjunct = mustHold;
    SearchTarget target = columns.target(filter.field());
    if (target instanceof Column column) {
      return column(column.sql(), filter, column.lowerCaseValues());
    }
    if (target instanceof IdColumn id) {
      return idColumn(id.sql(), filter);
    }
    if (target instanceof Linked linked) {
      return linked(linked, filter);
    }
    if (target instanceof Words words) {
      return words(words, filter);
    }
    if (target instanceof EmailDomain domain) {
      return emailDomain(domain.emailColumn(), filter);
    }
    if (target instanceof Lookup lookup) {
      return lookup.key()
          + " IN (SELECT l.id FROM "
          + lookup.table()
          + " l WHERE l.workspace_id = :ws AND "
          + column("l." + lookup.value(), filter, false)
          + ")";
    }
    if (target instanceof CustomAttribute attribute) {
      String key = param(dialect.jsonKey(attribute.name()));
      return column(dialect.jsonText(attribute.column(), key), filter, false);
    }
    return absent((Absent) target, filter);
  }

  private String param(Object value) {
    String name = "s" + params.size();
    params.put(name, value);
    return ":" + name;
  }

  private String params(List<?> values) {
    List<String> names = new ArrayList<>(values.size());
    for (Object value : values) {
      names.add(param(value));
    }
    return String.join(", ", names);
  }

  /** A scalar expression compared with the filter's values. */
  private String column(String e, Filter f, boolean lowerCase) {
    SearchOperator op = f.operator();
    List<Object> values = lowerCase ? lowerCased(f.values()) : f.values();
    Comparison comparison = f.field().comparison();
    if (comparison == Comparison.BY_DAY
        && f.value() != null
        && (op == SearchOperator.EQ || ordering(op))) {
      return byDay(e, op, (Long) f.value());
    }
    return switch (op) {
      case EQ -> f.value() == null ? e + " IS NULL" : e + " = " + param(values.get(0));
      case NE ->
          f.value() == null
              ? e + " IS NOT NULL"
              : "(" + e + " IS NULL OR " + e + " <> " + param(values.get(0)) + ")";
      case IN -> values.isEmpty() ? FALSE : e + " IN (" + params(values) + ")";
      case NIN ->
          values.isEmpty()
              ? TRUE
              : "(" + e + " IS NULL OR " + e + " NOT IN (" + params(values) + "))";
      case LT, LE, GT, GE -> e + " " + ordering(op, comparison) + " " + param(values.get(0));
      case CONTAINS, STARTS_WITH, ENDS_WITH ->
          "LOWER("
              + e
              + ") LIKE LOWER("
              + param(pattern(op, (String) values.get(0)))
              + ") ESCAPE '!'";
      case NOT_CONTAINS ->
          "("
              + e
              + " IS NULL OR LOWER("
              + e
              + ") NOT LIKE LOWER("
              + param(pattern(op, (String) values.get(0)))
              + ") ESCAPE '!')";
    };
  }

  private static boolean ordering(SearchOperator op) {
    return op == SearchOperator.LT
        || op == SearchOperator.LE
        || op == SearchOperator.GT
        || op == SearchOperator.GE;
  }

  private static String ordering(SearchOperator op, Comparison comparison) {
    if (comparison == Comparison.INCLUSIVE) {
      return op == SearchOperator.LT || op == SearchOperator.LE ? "<=" : ">=";
    }
    return op.symbol();
  }

  /** Contact dates: the value's UTC day; {@code =} the whole day, {@code >} from the next. */
  private String byDay(String e, SearchOperator op, long value) {
    long start = Math.floorDiv(value, DAY) * DAY;
    long next = start > Long.MAX_VALUE - DAY ? Long.MAX_VALUE : start + DAY;
    return switch (op) {
      case EQ -> "(" + e + " >= " + param(start) + " AND " + e + " < " + param(next) + ")";
      case GT -> e + " >= " + param(next);
      case GE -> e + " >= " + param(start);
      case LT -> e + " < " + param(start);
      case LE -> e + " < " + param(next);
      default -> throw new IllegalArgumentException("not a date operator: " + op);
    };
  }

  /** A string field over an integer id column: non-integer values match no id. */
  private String idColumn(String e, Filter f) {
    SearchOperator op = f.operator();
    if ((op == SearchOperator.EQ || op == SearchOperator.NE) && f.value() == null) {
      return e + (op == SearchOperator.EQ ? " IS NULL" : " IS NOT NULL");
    }
    List<Long> ids = ids(f.values());
    return switch (op) {
      case EQ -> ids.isEmpty() ? FALSE : e + " = " + param(ids.get(0));
      case NE ->
          ids.isEmpty() ? TRUE : "(" + e + " IS NULL OR " + e + " <> " + param(ids.get(0)) + ")";
      case IN -> ids.isEmpty() ? FALSE : e + " IN (" + params(ids) + ")";
      case NIN ->
          ids.isEmpty() ? TRUE : "(" + e + " IS NULL OR " + e + " NOT IN (" + params(ids) + "))";
      case CONTAINS, STARTS_WITH, ENDS_WITH ->
          "CAST(" + e + " AS TEXT) LIKE " + param(pattern(op, (String) f.value())) + " ESCAPE '!'";
      case NOT_CONTAINS ->
          "("
              + e
              + " IS NULL OR CAST("
              + e
              + " AS TEXT) NOT LIKE "
              + param(pattern(op, (String) f.value()))
              + " ESCAPE '!')";
      default -> throw new IllegalArgumentException("not a string operator: " + op);
    };
  }

  /** A list field: some linked row satisfies the comparison (or, negated, none does). */
  private String linked(Linked t, Filter f) {
    SearchOperator op = f.operator();
    if ((op == SearchOperator.EQ || op == SearchOperator.NE) && f.value() == null) {
      // = null: the list is empty; != null: it is not.
      return rowsOf(t.table(), "x", t.owner(), t.condition(), op == SearchOperator.EQ);
    }
    String x = "x." + t.column();
    String condition;
    if (op == SearchOperator.EQ
        || op == SearchOperator.NE
        || op == SearchOperator.IN
        || op == SearchOperator.NIN) {
      List<?> values = t.numeric() ? ids(f.values()) : f.values();
      if (values.isEmpty()) {
        return op.negative() ? TRUE : FALSE;
      }
      condition =
          values.size() == 1
              ? x + " = " + param(values.get(0))
              : x + " IN (" + params(values) + ")";
    } else {
      String text = t.numeric() ? "CAST(" + x + " AS TEXT)" : "LOWER(" + x + ")";
      condition = text + " LIKE LOWER(" + param(pattern(op, (String) f.value())) + ") ESCAPE '!'";
    }
    if (t.condition() != null) {
      condition = t.condition() + " AND " + condition;
    }
    return rowsOf(t.table(), "x", t.owner(), condition, op.negative());
  }

  /** {@code source.body}: word by word, through {@code conversation_words}. */
  private String words(Words t, Filter f) {
    SearchOperator op = f.operator();
    if ((op == SearchOperator.EQ || op == SearchOperator.NE) && f.value() == null) {
      return t.nullColumn() + (op == SearchOperator.EQ ? " IS NULL" : " IS NOT NULL");
    }
    String condition;
    if (op == SearchOperator.EQ
        || op == SearchOperator.NE
        || op == SearchOperator.IN
        || op == SearchOperator.NIN) {
      // A value matches a word only when it is exactly one word itself.
      List<String> words = singleWords(f.values());
      if (words.isEmpty()) {
        return op.negative() ? TRUE : FALSE;
      }
      condition =
          words.size() == 1
              ? "w.word = " + param(words.get(0))
              : "w.word IN (" + params(words) + ")";
    } else {
      condition =
          "w.word LIKE "
              + param(pattern(op, BodyWords.normalize((String) f.value())))
              + " ESCAPE '!'";
    }
    return rowsOf("conversation_words", "w", "conversation_id", condition, op.negative());
  }

  /** {@code email_domain}: patterns on the email column after its {@code @}. */
  private String emailDomain(String e, Filter f) {
    SearchOperator op = f.operator();
    if ((op == SearchOperator.EQ || op == SearchOperator.NE) && f.value() == null) {
      return e + (op == SearchOperator.EQ ? " IS NULL" : " IS NOT NULL");
    }
    List<String> patterns = new ArrayList<>();
    for (Object value : f.values()) {
      String domain = escape(((String) value).toLowerCase(Locale.ROOT));
      patterns.add(
          switch (op) {
            case EQ, NE, IN, NIN -> "%@" + domain;
            case STARTS_WITH -> "%@" + domain + "%";
            case ENDS_WITH -> "%@%" + domain;
            default -> "%@%" + domain + "%";
          });
    }
    if (patterns.isEmpty()) {
      return op.negative() ? TRUE : FALSE;
    }
    List<String> likes = new ArrayList<>();
    for (String p : patterns) {
      likes.add(e + (op.negative() ? " NOT LIKE " : " LIKE ") + param(p) + " ESCAPE '!'");
    }
    if (op.negative()) {
      return "(" + e + " IS NULL OR (" + String.join(" AND ", likes) + "))";
    }
    return likes.size() == 1 ? likes.get(0) : "(" + String.join(" OR ", likes) + ")";
  }

  /** A field with no data: null everywhere. */
  private static String absent(Absent t, Filter f) {
    if (f.value() == null
        && (f.operator() == SearchOperator.EQ || f.operator() == SearchOperator.NE)) {
      return f.operator() == SearchOperator.EQ ? TRUE : FALSE;
    }
    return f.operator().negative() ? TRUE : FALSE;
  }
}
