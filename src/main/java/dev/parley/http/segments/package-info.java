/** Segments and subscription types: their routes and wire records. */
package dev.parley.http.segments;
