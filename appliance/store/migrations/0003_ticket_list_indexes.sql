-- Indexes for the technicians' ticket list (appliance/store/ticket_list.py). The partial
-- indexes' WHERE clauses are repeated word for word by the list's queries, so that SQLite can
-- prove an index covers a query.

-- "All open" newest first: walk open tickets in time order and stop after one page.
CREATE INDEX tickets_open_received ON tickets(received_at)
WHERE status IN ('new', 'in_progress', 'waiting');

-- "Breaching soon" and the SLA filter: running clocks by the due time the timer counts down to
-- (response due until the first response, then resolution due).
CREATE INDEX tickets_next_due ON tickets(
    (CASE WHEN first_response_at IS NULL AND response_due_at IS NOT NULL
          THEN response_due_at ELSE resolution_due_at END)
)
WHERE status IN ('new', 'in_progress', 'waiting') AND sla_paused_since IS NULL;
