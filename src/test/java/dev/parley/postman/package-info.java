/** Intercom's Postman collection for 2.14, run with newman against a started parley. */
package dev.parley.postman;
