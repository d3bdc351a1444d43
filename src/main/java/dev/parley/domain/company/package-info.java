/**
 * Companies: Intercom's Companies operations of the REST API 2.14 (create or update, retrieve,
 * update, delete as an archive, list, scroll) and the contacts attached to them.
 */
package dev.parley.domain.company;
