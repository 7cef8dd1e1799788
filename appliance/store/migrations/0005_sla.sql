-- SLA you can configure (issue 10): moved working days, plan settings, warnings sent once.

-- A calendar date is either a holiday or a moved working day (a Saturday worked in place of a
-- bridged holiday, as Russia's production calendar does), worked with a normal day's hours.
ALTER TABLE calendar_holidays ADD COLUMN kind TEXT NOT NULL DEFAULT 'holiday'
    CHECK (kind IN ('holiday', 'workday'));

-- The share of a target's budget at which the assignee is warned; the statuses in which the
-- clock stands still (besides resolved/closed); the plan tickets of organisations without one get.
ALTER TABLE sla_plans ADD COLUMN warn_percent INTEGER NOT NULL DEFAULT 75
    CHECK (warn_percent BETWEEN 1 AND 99);
ALTER TABLE sla_plans ADD COLUMN pause_statuses TEXT NOT NULL DEFAULT '["waiting"]'
    CHECK (json_valid(pause_statuses));
ALTER TABLE sla_plans ADD COLUMN is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1));
CREATE UNIQUE INDEX sla_plans_one_default ON sla_plans(is_default) WHERE is_default = 1;

-- Which warnings were sent, so each ticket gets each one once (the checker runs every few
-- seconds, in one process; a restart must not repeat them either).
CREATE TABLE sla_notices (
    ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    target    TEXT NOT NULL CHECK (target IN ('response', 'resolution')),
    threshold TEXT NOT NULL CHECK (threshold IN ('warning', 'breach')),
    at        TEXT NOT NULL,
    PRIMARY KEY (ticket_id, target, threshold)
) STRICT;

-- History kind 'sla' (due times recomputed; a breach): SQLite cannot alter a CHECK, so the table
-- is rebuilt with its indexes and triggers. Nothing references ticket_actions.
CREATE TABLE ticket_actions_new (
    id              INTEGER PRIMARY KEY,
    ticket_id       INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    user_id         INTEGER REFERENCES users(id),
    created_at      TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN (
                        'comment', 'phone_call', 'remote_session', 'on_site', 'other',
                        'created', 'status', 'assignment', 'category', 'priority',
                        'client_message', 'sla')),
    text            TEXT NOT NULL DEFAULT '',
    minutes         INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0),
    additional_work INTEGER NOT NULL DEFAULT 0 CHECK (additional_work IN (0, 1)),
    visibility      TEXT NOT NULL DEFAULT 'internal' CHECK (visibility IN ('internal', 'public')),
    old_value       TEXT,
    new_value       TEXT
) STRICT;
INSERT INTO ticket_actions_new SELECT id, ticket_id, user_id, created_at, kind, text, minutes,
    additional_work, visibility, old_value, new_value FROM ticket_actions;
DROP TABLE ticket_actions;
ALTER TABLE ticket_actions_new RENAME TO ticket_actions;
CREATE INDEX ticket_actions_ticket ON ticket_actions(ticket_id, created_at);
CREATE INDEX ticket_actions_user ON ticket_actions(user_id, created_at);
CREATE TRIGGER ticket_changes_action AFTER INSERT ON ticket_actions BEGIN
    INSERT INTO ticket_changes(ticket_id, kind, at) VALUES (NEW.ticket_id, 'action', NEW.created_at);
END;
CREATE TRIGGER feed_reply AFTER INSERT ON ticket_actions WHEN NEW.visibility = 'public' BEGIN
    INSERT INTO feed_events(ticket_id, kind, at, payload)
    SELECT NEW.ticket_id, 'reply', NEW.created_at,
           json_object('uuid', t.uuid, 'number', t.number, 'action_id', NEW.id,
                       'text', NEW.text, 'kind', NEW.kind)
    FROM tickets AS t WHERE t.id = NEW.ticket_id;
END;
