package dev.parley.store.search;

/**
 * Where a searchable field's values live, in the SQL of one resource's search: every expression is
 * written over the alias {@code c} of the resource's table ({@code conversations c} or {@code
 * contacts c}). {@link SearchCompiler} turns a filter on a field into a condition according to its
 * target, which {@link SearchColumns} gives.
 */
public sealed interface SearchTarget {

  /**
   * One value per row: a SQL expression over {@code c} (a column, or a scalar subquery).
   *
   * @param sql the expression; never built from request input
   * @param lowerCaseValues whether equality values are lower-cased first, for columns that store
   *     lower-case text (email addresses)
   */
  record Column(String sql, boolean lowerCaseValues) implements SearchTarget {
    public Column(String sql) {
      this(sql, false);
    }
  }

  /**
   * A value of the workspace's row of another table that the searched row points to ({@code state}
   * of tickets: the {@code category} of the {@code ticket_states} row {@code c.ticket_state_id}
   * names). Compiled as {@code key IN (SELECT l.id FROM table l WHERE l.workspace_id = :ws AND <the
   * comparison on l.value>)}, so that an index on the key column answers it instead of a subquery
   * run once per candidate row; the same rows match as with the scalar subquery wherever the key
   * names a row of the workspace (the search's scope sees to it).
   *
   * @param key the searched row's column holding the other row's id
   * @param table the other table, keyed by {@code (workspace_id, id)}
   * @param value the other table's column the field compares
   */
  record Lookup(String key, String table, String value) implements SearchTarget {}

  /**
   * A string field whose values are integer ids kept in an integer column ({@code id}, {@code
   * source.id}). Values that are not integers can never be equal to one; the text operators ({@code
   * ~ ^ $}) compare the id's decimal text.
   */
  record IdColumn(String sql) implements SearchTarget {}

  /**
   * A list field ({@code contact_ids}, {@code tag_ids}, {@code teammate_ids} of conversations,
   * {@code tag_id} of contacts): rows of {@code table} (alias {@code x}) keyed by {@code
   * (workspace_id, owner)}. A positive operator matches when some linked value satisfies it, a
   * negative one when none does.
   *
   * @param owner the column of {@code x} that holds the searched row's id ({@code conversation_id},
   *     {@code contact_id})
   * @param column the value column of {@code x}
   * @param numeric whether the column holds integer ids
   * @param condition an extra condition on {@code x}, or null
   */
  record Linked(String table, String owner, String column, boolean numeric, String condition)
      implements SearchTarget {}

  /**
   * Matched word by word ({@code source.body}): the lower-case words of {@link
   * dev.parley.domain.search.BodyWords}, kept in {@code conversation_words}. {@code =} with {@code
   * "support"} matches "I need support"; {@code "need support"} matches nothing, as Intercom's
   * description says.
   *
   * @param nullColumn the column whose nullness {@code = null} and {@code != null} test
   */
  record Words(String nullColumn) implements SearchTarget {}

  /** The part of an email column after its {@code @} ({@code email_domain}). */
  record EmailDomain(String emailColumn) implements SearchTarget {}

  /**
   * One key of a JSON object column ({@code custom_attributes.{name}}), compared as the text of its
   * value: a string as it is, a number in decimal, a boolean as {@code true} or {@code false};
   * objects, arrays and missing keys are null.
   */
  record CustomAttribute(String column, String name) implements SearchTarget {}

  /**
   * A field Intercom has and parley keeps no data for (ratings, AI agent, browser ...): it is null
   * on every row, so {@code =} and the other positive operators match nothing, {@code !=}, {@code
   * NIN} and {@code !~} match everything, {@code = null} matches everything.
   */
  record Absent() implements SearchTarget {}
}
