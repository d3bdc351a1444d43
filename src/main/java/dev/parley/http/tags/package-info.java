/** HTTP routes and JSON wire records of Intercom's tags resource. */
package dev.parley.http.tags;
