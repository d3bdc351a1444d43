/** Serving upload bytes at the URLs parley gives in attachments. */
package dev.parley.http.uploads;
