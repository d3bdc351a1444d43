/**
 * Intercom's note operations over HTTP: {@code createNote}, {@code listNotes}, {@code
 * retrieveNote}.
 */
package dev.parley.http.notes;
