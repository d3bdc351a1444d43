package dev.parley.domain.ticket;

/**
 * A job of Intercom's {@code jobs} object (REST API 2.14): what {@code POST /tickets/enqueue}
 * ({@code enqueueCreateTicket}) answers and {@code GET /jobs/status/{job_id}} ({@code jobsStatus})
 * reads. parley runs a job inside the request that enqueues it, so every job it keeps has succeeded
 * and names the resource it created; it keeps ids only, never the resource's content.
 *
 * @param id the job's id, rendered as a string
 * @param status {@code success} (the description's enum also has {@code pending} and {@code
 *     failed}, which a job run at once never has)
 * @param resourceType the type of the created resource, {@code ticket}
 * @param resourceId the created resource's id (a ticket's id); it answers 404 once the ticket is
 *     deleted
 * @param createdAt Unix seconds
 */
public record Job(
    long workspaceId,
    long id,
    String status,
    String resourceType,
    Long resourceId,
    long createdAt) {}
