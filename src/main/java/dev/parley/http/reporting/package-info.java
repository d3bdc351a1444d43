/**
 * HTTP routes and wire shapes of Intercom's Reporting Data Export (2.14): {@code GET
 * /export/reporting_data/get_datasets}, {@code POST /export/reporting_data/enqueue}, {@code GET
 * /export/reporting_data/{job_identifier}} and {@code GET
 * /download/reporting_data/{job_identifier}}.
 */
package dev.parley.http.reporting;
