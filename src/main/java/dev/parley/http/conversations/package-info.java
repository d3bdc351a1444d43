/** HTTP routes and JSON wire records of Intercom's conversations resource. */
package dev.parley.http.conversations;
