/**
 * Operator tasks (the CLI and the first start) that span workspaces, admins, teams and tokens: none
 * of them is in Intercom's public API. It sits above {@link dev.parley.domain.workspace} and {@link
 * dev.parley.domain.admin} so that those two do not import each other: admins belong to a workspace
 * (and take its {@code Caller}), and the workspace package knows nothing of admins. Seeding a
 * workspace from a fixture ({@link dev.parley.domain.operator.SeedService}) lives here too.
 */
package dev.parley.domain.operator;
