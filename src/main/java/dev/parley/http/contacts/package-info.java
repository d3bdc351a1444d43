/** HTTP routes and JSON wire records of Intercom's contacts resource. */
package dev.parley.http.contacts;
