/**
 * Flyway's Java migrations, beside the SQL ones in {@code src/main/resources/db/migration}:
 * data changes that need parley's own code (such as the words of {@link
 * dev.parley.domain.search.BodyWords}).
 */
package db.migration;
