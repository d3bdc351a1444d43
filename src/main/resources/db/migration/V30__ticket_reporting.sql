-- The reporting record of a ticket (issue 16; the ticket dataset of the Reporting Data Export). A
-- ticket is a conversation, and its reporting record is its conversation's (conversation_metrics),
-- which outlives erasure; these columns keep the ticket's non-sensitive facts there, so that an
-- erased ticket stays a row of the ticket dataset. Ids, categories and Unix seconds only: never a
-- title, a description or an attribute value. NULL ticket_type_id: the conversation is no ticket.
--
-- ticket_number: Intercom's ticket_id. ticket_category: Customer, Back-office or Tracker.
-- ticket_state_category: the category of ticket_state_id (submitted, in_progress,
-- waiting_on_customer, resolved), kept so that a state an operator removes later still reports.
-- ticket_state_updated_at: the last change of state. ticket_first_resolved_at and
-- ticket_last_resolved_at: the first and last move into a resolved state.

ALTER TABLE conversation_metrics ADD COLUMN ticket_number BIGINT;
ALTER TABLE conversation_metrics ADD COLUMN ticket_type_id BIGINT;
ALTER TABLE conversation_metrics ADD COLUMN ticket_category TEXT;
ALTER TABLE conversation_metrics ADD COLUMN ticket_state_id BIGINT;
ALTER TABLE conversation_metrics ADD COLUMN ticket_state_category TEXT;
ALTER TABLE conversation_metrics ADD COLUMN ticket_state_updated_at BIGINT;
ALTER TABLE conversation_metrics ADD COLUMN ticket_first_resolved_at BIGINT;
ALTER TABLE conversation_metrics ADD COLUMN ticket_last_resolved_at BIGINT;

-- The tickets that exist now. When they changed state, or were resolved, is not known: NULL.
-- Tickets erased before this migration have no ticket facts left and report as conversations only.
UPDATE conversation_metrics
SET ticket_number = (SELECT c.ticket_number FROM conversations c
                     WHERE c.workspace_id = conversation_metrics.workspace_id
                       AND c.id = conversation_metrics.conversation_id),
    ticket_type_id = (SELECT c.ticket_type_id FROM conversations c
                      WHERE c.workspace_id = conversation_metrics.workspace_id
                        AND c.id = conversation_metrics.conversation_id),
    ticket_category = (SELECT c.ticket_category FROM conversations c
                       WHERE c.workspace_id = conversation_metrics.workspace_id
                         AND c.id = conversation_metrics.conversation_id),
    ticket_state_id = (SELECT c.ticket_state_id FROM conversations c
                       WHERE c.workspace_id = conversation_metrics.workspace_id
                         AND c.id = conversation_metrics.conversation_id),
    ticket_state_category = (SELECT s.category FROM conversations c
                             JOIN ticket_states s
                               ON s.workspace_id = c.workspace_id AND s.id = c.ticket_state_id
                             WHERE c.workspace_id = conversation_metrics.workspace_id
                               AND c.id = conversation_metrics.conversation_id)
WHERE EXISTS (SELECT 1 FROM conversations c
              WHERE c.workspace_id = conversation_metrics.workspace_id
                AND c.id = conversation_metrics.conversation_id
                AND c.ticket_type_id IS NOT NULL);
