/**
 * The SQL store: repositories on JDBI over SQLite (embedded, group-committed through one writer)
 * and PostgreSQL (pooled), and the Flyway migrations both share.
 */
package dev.parley.store;
