/**
 * Reporting: Intercom's Reporting Data Export (2.14 {@code /export/reporting_data/*} and {@code
 * /download/reporting_data/*}) over the conversation and ticket datasets. The conversation dataset
 * is built from the reporting record ({@code conversation_metrics}), which outlives erasure, joined
 * with the live conversation for the attributes that come from its content; those are empty for an
 * erased conversation ("the conversation will still appear in reporting, though some data may be
 * incomplete"). The ticket dataset is built from the same records, those of tickets, with the
 * ticket facts they keep (migration 30) and no content at all. Export jobs are rows of {@link
 * dev.parley.domain.reporting.ExportJob}; the background work that runs them lives in {@code
 * dev.parley.jobs}.
 */
package dev.parley.domain.reporting;
