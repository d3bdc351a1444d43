/**
 * Notes on contacts: Intercom's {@code createNote}, {@code listNotes} and {@code retrieveNote}.
 * Notes of conversations are conversation parts (the conversation package).
 */
package dev.parley.domain.note;
