-- Time spent per technician over a period (the efficiency report) sums every piece of work
-- logged in it: over half a year of a busy office that is hundreds of thousands of actions.
-- This partial index holds exactly the work kinds (appliance.domain.workflow.WORK_KINDS, which
-- store.report_rows names as the same literals) with every column the sum reads, so the sum
-- reads the index alone, by date range, and never the actions' rows.
CREATE INDEX ticket_actions_work
    ON ticket_actions(created_at, user_id, minutes, additional_work, ticket_id)
    WHERE kind IN ('comment', 'phone_call', 'remote_session', 'on_site', 'other');
