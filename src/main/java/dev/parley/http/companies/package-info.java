/** Intercom's Companies operations: routes, request bodies and the {@code company} JSON. */
package dev.parley.http.companies;
