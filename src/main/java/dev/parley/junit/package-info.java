/**
 * parley as a test double in the test's own JVM: {@link dev.parley.junit.ParleyExtension} (JUnit 5)
 * starts one {@link dev.parley.junit.ParleyServer} per test run on a temporary SQLite data dir (or
 * on a PostgreSQL database: {@link dev.parley.junit.ParleyServer#DATABASE_URL_PROPERTY}) and a free
 * port, and gives each test a fresh {@link dev.parley.junit.ParleyWorkspace} through parameter
 * injection. The clock ({@link dev.parley.junit.ParleyClock}), faults ({@link
 * dev.parley.junit.ParleyFaults}) and request journal ({@link dev.parley.junit.ParleyRequest}) are
 * driven over the server's own operator API under {@code /_parley/}, exactly as a test in another
 * language would drive them (docs/testing-with-parley.md).
 *
 * <p>This package is not part of {@code target/parley.jar}: it is built into the {@code junit}
 * classifier jar ({@code target/parley-junit.jar}), and JUnit's API is a {@code provided}
 * dependency that the test project brings.
 */
package dev.parley.junit;
