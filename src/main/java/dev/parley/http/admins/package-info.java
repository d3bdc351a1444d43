/** HTTP routes and JSON wire records of Intercom's admins resource. */
package dev.parley.http.admins;
