/** The composition root: {@link dev.parley.app.Parley} builds and runs everything. */
package dev.parley.app;
