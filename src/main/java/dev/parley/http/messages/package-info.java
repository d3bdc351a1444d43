/** HTTP route and JSON wire records of Intercom's messages resource ({@code createMessage}). */
package dev.parley.http.messages;
