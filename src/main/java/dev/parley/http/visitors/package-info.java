/** Visitors: their routes and wire records. */
package dev.parley.http.visitors;
