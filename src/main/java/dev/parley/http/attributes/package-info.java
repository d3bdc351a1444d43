/** Intercom's data attribute operations ({@code /data_attributes}) and their wire records. */
package dev.parley.http.attributes;
