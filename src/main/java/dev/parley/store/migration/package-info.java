/**
 * parley's schema migrations, in one sequence. Flyway applies them in version order; each is
 * forward-only and runs once per store. The SQL ones (portable: the same file runs on SQLite and
 * PostgreSQL) are files in {@code src/main/resources/db/migration}; the Java ones (data changes
 * that need parley's code, or statements that differ between SQLite and PostgreSQL) are the classes
 * of this package, registered in {@link dev.parley.store.migration.Migrations#configure}.
 *
 * <table>
 *   <caption>Every migration</caption>
 *   <tr><th>Version</th><th>Where</th><th>What</th></tr>
 *   <tr><td>1</td><td>{@code V1__schema.sql}</td><td>the schema: workspaces, admins, teams,
 *       tokens, contacts, tags, conversations and parts, uploads, metrics, erasure log, blob
 *       deletion queue, id counters</td></tr>
 *   <tr><td>2</td><td>{@code V2__reporting_export_jobs.sql}</td><td>reporting data export
 *       jobs</td></tr>
 *   <tr><td>4</td><td>{@code V4__search.sql}</td><td>{@code conversation_words} and the
 *       indexes of search</td></tr>
 *   <tr><td>4.1</td><td>{@link ConversationWordsMigration}</td><td>the words of the
 *       conversations that existed before V4</td></tr>
 *   <tr><td>6</td><td>{@link IdSequencesMigration}</td><td>PostgreSQL: a sequence per id kind
 *       instead of its {@code id_counters} row (SQLite: nothing)</td></tr>
 *   <tr><td>7</td><td>{@code V7__rate_limits.sql}</td><td>per-workspace rate limits and the
 *       shared rate-limit windows</td></tr>
 *   <tr><td>8</td><td>{@code V8__upload_intents.sql}</td><td>upload intents (blob keys a reply
 *       is about to write)</td></tr>
 *   <tr><td>9</td><td>{@link ContentStatisticsMigration}</td><td>PostgreSQL: no planner
 *       statistics on content columns (SQLite: nothing)</td></tr>
 *   <tr><td>10</td><td>{@code V10__webhooks.sql}</td><td>webhook subscriptions, the outbox of
 *       events, the delivery log, workspaces' client secrets</td></tr>
 *   <tr><td>10.1</td><td>{@link WebhookIdSequencesMigration}</td><td>PostgreSQL: sequences for
 *       the webhook id kinds (SQLite: nothing)</td></tr>
 *   <tr><td>11</td><td>{@link WebhookEventKeysMigration}</td><td>{@code webhook_event_keys}:
 *       the objects each outbox event is about, indexed, for erasures</td></tr>
 *   <tr><td>12</td><td>{@code V12__snooze_due.sql}</td><td>the index of snoozed conversations by
 *       the time they wake up</td></tr>
 *   <tr><td>14</td><td>{@link SnapshotsMigration}</td><td>workspace snapshots: {@code
 *       snapshots} and {@code snapshot_objects} (PostgreSQL: no statistics on their
 *       content)</td></tr>
 *   <tr><td>15</td><td>{@code V15__contact_notes_and_tags.sql}</td><td>notes on contacts
 *       ({@code contact_notes}) and tags on contacts ({@code contact_tags}), the {@code note} id
 *       kind</td></tr>
 *   <tr><td>15.1</td><td>{@link ContactNotesMigration}</td><td>PostgreSQL: a sequence for note
 *       ids, no planner statistics on {@code contact_notes.body} (SQLite: nothing)</td></tr>
 *   <tr><td>16</td><td>{@code V16__ticket_types.sql}</td><td>ticket types, their attributes and
 *       the workspaces' ticket states</td></tr>
 *   <tr><td>16.1</td><td>{@link IdKindSequencesMigration}</td><td>PostgreSQL: sequences for the
 *       ticket id kinds (SQLite: nothing)</td></tr>
 *   <tr><td>17</td><td>{@code V17__companies.sql}</td><td>companies ({@code companies}) and the
 *       contacts attached to them ({@code contact_companies}); company ids are random hex, so no
 *       id kind and no 17.1</td></tr>
 *   <tr><td>18</td><td>{@code V18__tickets.sql}</td><td>tickets: the ticket columns of {@code
 *       conversations} (a ticket is a conversation row) and the {@code ticket} id kind</td></tr>
 *   <tr><td>18.1</td><td>{@link IdKindSequencesMigration}</td><td>PostgreSQL: a sequence for
 *       ticket numbers (SQLite: nothing)</td></tr>
 *   <tr><td>19</td><td>{@code V19__data_events.sql}</td><td>data events of contacts ({@code
 *       contact_events}) and their summaries ({@code contact_event_summaries})</td></tr>
 *   <tr><td>19.1</td><td>{@link DataEventsMigration}</td><td>PostgreSQL: no planner statistics
 *       on the events' names and metadata (SQLite: nothing)</td></tr>
 *   <tr><td>20</td><td>{@code V20__away_status_reasons.sql}</td><td>away status reasons ({@code
 *       away_status_reasons}), an admin's {@code away_status_reason_id}, the {@code
 *       away_status_reason} id kind</td></tr>
 *   <tr><td>20.1</td><td>{@link IdKindSequencesMigration}</td><td>PostgreSQL: a sequence for
 *       away status reason ids (SQLite: nothing)</td></tr>
 *   <tr><td>21</td><td>{@code V21__data_attributes.sql}</td><td>custom data attributes ({@code
 *       data_attributes}), {@code contacts.blocked}, the {@code data_attribute} id kind</td></tr>
 *   <tr><td>21.1</td><td>{@link IdKindSequencesMigration}</td><td>PostgreSQL: a sequence for data
 *       attribute ids (SQLite: nothing)</td></tr>
 *   <tr><td>22</td><td>{@code V22__admin_activity_logs.sql}</td><td>the admin activity log
 *       ({@code admin_activity_logs})</td></tr>
 *   <tr><td>23</td><td>{@code V23__segments_and_subscription_types.sql}</td><td>segments
 *       ({@code segments}) and their contacts ({@code contact_segments}), subscription types
 *       ({@code subscription_types}) and contacts' choices about them ({@code
 *       contact_subscriptions}), the {@code segment} and {@code subscription_type} id kinds</td></tr>
 *   <tr><td>23.1</td><td>{@link IdKindSequencesMigration}</td><td>PostgreSQL: sequences for
 *       segment and subscription type ids (SQLite: nothing)</td></tr>
 *   <tr><td>24</td><td>{@link WorkspaceForeignKeysMigration}</td><td>PostgreSQL: a foreign key
 *       from every table with a {@code workspace_id} (but {@code blob_deletions}) to {@code
 *       workspaces}, after erasing rows left under deleted workspaces (SQLite: nothing)</td></tr>
 *   <tr><td>25</td><td>{@code V25__jobs.sql}</td><td>jobs of {@code POST /tickets/enqueue}
 *       ({@code jobs}: ids only), with its workspace foreign key in the table (PostgreSQL
 *       enforces it, SQLite does not), the {@code job} id kind</td></tr>
 *   <tr><td>25.1</td><td>{@link IdKindSequencesMigration}</td><td>PostgreSQL: a sequence for job
 *       ids (SQLite: nothing)</td></tr>
 *   <tr><td>26</td><td>{@code V26__visitors.sql}</td><td>the partial index of
 *       visitors ({@code contacts} rows of role {@code visitor}) by user id</td></tr>
 *   <tr><td>27</td><td>{@code V27__linked_objects.sql}</td><td>links between tickets and
 *       conversations of {@code conversation_to_link_id} ({@code linked_objects}: ids only), with
 *       its workspace foreign key in the table</td></tr>
 *   <tr><td>28</td><td>{@code V28__company_tags.sql}</td><td>tags on companies ({@code
 *       company_tags}: ids only), with its workspace foreign key in the table</td></tr>
 *   <tr><td>29</td><td>{@code V29__search_indexes.sql}</td><td>indexes of search: partial
 *       indexes of the ticket rows of {@code conversations} (by type and state, by creation, by
 *       admin assignee and state, each carrying the columns the ticket scope reads); contacts by
 *       email and by external id now also in creation order, and by {@code last_seen_at}</td></tr>
 *   <tr><td>30</td><td>{@code V30__ticket_reporting.sql}</td><td>the ticket facts of the
 *       reporting record ({@code conversation_metrics.ticket_*}: ids, categories, times), for the
 *       ticket dataset of the reporting export, filled for the tickets that exist</td></tr>
 *   <tr><td>31</td><td>{@code V31__contact_search_pages.sql}</td><td>indexes of contact search
 *       pages: contacts by role in creation order (carrying {@code last_seen_at}), and by id
 *       carrying role and creation time</td></tr>
 *   <tr><td>32</td><td>{@link TicketAdminIndexMigration}</td><td>PostgreSQL: {@code
 *       conversations_tickets_admin} keyed by assignee and creation, the other columns included,
 *       so that an admin's ticket count is index-only and a page follows the index (SQLite:
 *       nothing)</td></tr>
 *   <tr><td>33</td><td>{@code V33__webhook_outbox_indexes.sql}</td><td>the outbox's indexes in
 *       the order its writes arrive: {@code webhook_notifications_order} by subject first, {@code
 *       webhook_notifications_log} by workspace and id, so that one event's notifications share
 *       index pages</td></tr>
 *   <tr><td>34</td><td>{@code V34__webhook_fan_out_queue.sql}</td><td>{@code webhook_fan_out}:
 *       a change writes its event and one queue row (the subscriptions to notify), and the
 *       delivery worker writes the notifications; {@code webhook_events_subject}, which no query
 *       read by subject, dropped</td></tr>
 * </table>
 *
 * <p>Versions 3, 5 and 13 do not exist: no migration was ever committed under 3 and 5 (they were
 * skipped while work on other migrations was in flight), and 13 (webhook fan-out in the delivery
 * worker) was merged and reverted in the same session, before any release; Flyway accepts gaps.
 * They must stay unused: a store already past them would see a new V3, V5 or V13 as a resolved
 * migration older than the applied ones and refuse to open. A new migration takes the next number
 * after the highest (34). On PostgreSQL every table with a {@code workspace_id} (but {@code
 * blob_deletions}) has a foreign key {@code <table>_workspace_fk} to {@code workspaces} (migration
 * 24): a new such table needs one too, added by its own migration on PostgreSQL ({@code
 * MigrationTest} checks it).
 *
 * <p>Stores migrated by earlier parley versions keep opening: Flyway validates each applied
 * migration's version, description, type and checksum, and these stay as they were when the Java
 * migrations lived elsewhere ({@code db.migration.V4_1__Conversation_words}, {@code
 * dev.parley.store.IdSequencesMigration}, {@code dev.parley.store.ContentStatisticsMigration}).
 * Only the schema history's {@code script} column names the old classes, and Flyway does not
 * compare it. An applied SQL file must never change, not even a comment: its checksum is over its
 * text. {@code OldStoresOpenTest} proves it on both stores.
 */
package dev.parley.store.migration;
