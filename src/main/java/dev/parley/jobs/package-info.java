/**
 * Background work: the reporting export workers ({@link dev.parley.jobs.ExportWorkers}), which
 * claim export jobs from the store, stream the dataset into gzip CSV files ({@link
 * dev.parley.jobs.DatasetExport}), expire the files, recover jobs whose worker died, and delete
 * export files that an erasure made stale; and where those files live ({@link
 * dev.parley.jobs.FilesystemExportFiles}); the wake-up of snoozed conversations whose snooze ran
 * out ({@link dev.parley.jobs.SnoozeWakeUp}).
 */
package dev.parley.jobs;
