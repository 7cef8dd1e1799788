-- Tiketnitsa schema, first cut. Times are UTC ISO-8601 text with a fixed width
-- ('YYYY-MM-DDTHH:MM:SS.ffffffZ') so that text order is time order.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Gap-free counters: incremented inside the transaction that uses the value, so a rolled-back
-- transaction gives its number back and a committed one never reuses it.
CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) STRICT;
INSERT INTO counters(name, value) VALUES ('ticket_number', 0);

-- Business-hours calendars. week_hours is JSON: {"mon": [["09:00","18:00"]], ..., "sun": []}.
CREATE TABLE calendars (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    time_zone  TEXT NOT NULL,
    week_hours TEXT NOT NULL CHECK (json_valid(week_hours))
) STRICT;

CREATE TABLE calendar_holidays (
    calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
    day         TEXT NOT NULL,  -- YYYY-MM-DD in the calendar's zone
    name        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (calendar_id, day)
) STRICT;

CREATE TABLE sla_plans (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    calendar_id INTEGER NOT NULL REFERENCES calendars(id),
    description TEXT NOT NULL DEFAULT ''
) STRICT;

-- Response and resolution targets per priority, in business minutes.
CREATE TABLE sla_targets (
    plan_id            INTEGER NOT NULL REFERENCES sla_plans(id) ON DELETE CASCADE,
    priority           TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    response_minutes   INTEGER NOT NULL CHECK (response_minutes > 0),
    resolution_minutes INTEGER NOT NULL CHECK (resolution_minutes > 0),
    PRIMARY KEY (plan_id, priority)
) STRICT;

CREATE TABLE organizations (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    short_name  TEXT NOT NULL DEFAULT '',
    tax_id      TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    sla_plan_id INTEGER REFERENCES sla_plans(id),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE persons (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES organizations(id),
    full_name  TEXT NOT NULL,
    position   TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX persons_org ON persons(org_id);

-- OS login names of a person, to match a client request to the person who sent it.
CREATE TABLE person_logins (
    person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    login     TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (person_id, login)
) STRICT;
CREATE INDEX person_logins_login ON person_logins(login);

CREATE TABLE equipment (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES organizations(id),
    kind       TEXT NOT NULL CHECK (kind IN ('workstation', 'laptop', 'server', 'router', 'switch',
                                             'firewall', 'access_point', 'printer', 'nas', 'ups',
                                             'phone', 'other')),
    name       TEXT NOT NULL,
    hostname   TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    model      TEXT NOT NULL DEFAULT '',
    serial     TEXT NOT NULL DEFAULT '',
    ip         TEXT NOT NULL DEFAULT '',
    mac        TEXT NOT NULL DEFAULT '',
    location   TEXT NOT NULL DEFAULT '',
    person_id  INTEGER REFERENCES persons(id) ON DELETE SET NULL,
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX equipment_org ON equipment(org_id, kind);
CREATE INDEX equipment_person ON equipment(person_id);
CREATE INDEX equipment_hostname ON equipment(hostname);

-- Secrets live only inside the encrypted store; the UI masks them and audits every reveal.
CREATE TABLE credentials (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES organizations(id),
    equipment_id INTEGER REFERENCES equipment(id) ON DELETE SET NULL,
    title        TEXT NOT NULL,
    url          TEXT NOT NULL DEFAULT '',
    login        TEXT NOT NULL DEFAULT '',
    secret       TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX credentials_org ON credentials(org_id);
CREATE INDEX credentials_equipment ON credentials(equipment_id);

CREATE TABLE licenses (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES organizations(id),
    product      TEXT NOT NULL,
    license_key  TEXT NOT NULL DEFAULT '',
    seats        INTEGER NOT NULL DEFAULT 1 CHECK (seats >= 0),
    valid_until  TEXT,  -- YYYY-MM-DD, NULL for perpetual
    person_id    INTEGER REFERENCES persons(id) ON DELETE SET NULL,
    equipment_id INTEGER REFERENCES equipment(id) ON DELETE SET NULL,
    notes        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX licenses_org ON licenses(org_id, valid_until);

-- Two levels: a service (parent_id NULL) and its problems.
CREATE TABLE categories (
    id        INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES categories(id),
    name      TEXT NOT NULL,
    active    INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    UNIQUE (parent_id, name)
) STRICT;
CREATE UNIQUE INDEX categories_top_name ON categories(name) WHERE parent_id IS NULL;

CREATE TRIGGER categories_two_levels_insert BEFORE INSERT ON categories
WHEN NEW.parent_id IS NOT NULL
     AND (SELECT parent_id FROM categories WHERE id = NEW.parent_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'categories have two levels: a problem cannot have sub-problems');
END;
CREATE TRIGGER categories_two_levels_update BEFORE UPDATE OF parent_id ON categories
WHEN NEW.parent_id IS NOT NULL
     AND ((SELECT parent_id FROM categories WHERE id = NEW.parent_id) IS NOT NULL
          OR EXISTS (SELECT 1 FROM categories WHERE parent_id = NEW.id))
BEGIN
    SELECT RAISE(ABORT, 'categories have two levels: a problem cannot have sub-problems');
END;

CREATE TABLE users (
    id                     INTEGER PRIMARY KEY,
    login                  TEXT NOT NULL UNIQUE COLLATE NOCASE,
    full_name              TEXT NOT NULL DEFAULT '',
    email                  TEXT NOT NULL DEFAULT '',
    role                   TEXT NOT NULL CHECK (role IN ('admin', 'technician', 'manager')),
    password_hash          TEXT NOT NULL,
    lang                   TEXT CHECK (lang IN ('ru', 'en')),
    active                 INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    -- managers read credentials masked; an admin may grant them reveal
    can_reveal_credentials INTEGER NOT NULL DEFAULT 0 CHECK (can_reveal_credentials IN (0, 1)),
    notify_sound           INTEGER NOT NULL DEFAULT 0 CHECK (notify_sound IN (0, 1)),
    notify_browser         INTEGER NOT NULL DEFAULT 0 CHECK (notify_browser IN (0, 1)),
    failed_logins          INTEGER NOT NULL DEFAULT 0,
    last_failed_login_at   TEXT,
    created_at             TEXT NOT NULL
) STRICT;

-- Enrolment codes are shown once; only their hash is kept.
CREATE TABLE enrollment_codes (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES organizations(id),
    code_hash  TEXT NOT NULL UNIQUE,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    max_uses   INTEGER NOT NULL CHECK (max_uses > 0),
    uses       INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0),
    revoked_at TEXT
) STRICT;

-- Enrolled client machines. The bearer token is stored hashed (SHA-256 of 32 random bytes).
CREATE TABLE devices (
    id                 INTEGER PRIMARY KEY,
    org_id             INTEGER NOT NULL REFERENCES organizations(id),
    enrollment_code_id INTEGER REFERENCES enrollment_codes(id),
    token_hash         TEXT NOT NULL UNIQUE,
    hostname           TEXT NOT NULL DEFAULT '',
    os_user            TEXT NOT NULL DEFAULT '',
    enrolled_at        TEXT NOT NULL,
    last_seen_at       TEXT,
    revoked_at         TEXT
) STRICT;
CREATE INDEX devices_org ON devices(org_id);

-- Content-addressed files (screenshots): the name is the SHA-256 of the bytes.
CREATE TABLE blobs (
    sha256     TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    media_type TEXT NOT NULL,
    size       INTEGER NOT NULL,
    width      INTEGER,
    height     INTEGER,
    data       BLOB NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE tickets (
    id                 INTEGER PRIMARY KEY,
    number             INTEGER NOT NULL UNIQUE,
    uuid               TEXT NOT NULL UNIQUE,
    -- what the client sent, canonicalised and hashed: same uuid + other content -> conflict
    content_hash       TEXT NOT NULL DEFAULT '',
    org_id             INTEGER REFERENCES organizations(id),
    person_id          INTEGER REFERENCES persons(id),
    equipment_id       INTEGER REFERENCES equipment(id),
    device_id          INTEGER REFERENCES devices(id),
    source             TEXT NOT NULL CHECK (source IN ('client', 'phone', 'email', 'technician')),
    description        TEXT NOT NULL,
    contact_phone      TEXT NOT NULL DEFAULT '',
    priority           TEXT NOT NULL DEFAULT 'normal'
                       CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    status             TEXT NOT NULL DEFAULT 'new'
                       CHECK (status IN ('new', 'in_progress', 'waiting', 'resolved', 'closed')),
    category_id        INTEGER REFERENCES categories(id),
    assignee_id        INTEGER REFERENCES users(id),
    created_by         INTEGER REFERENCES users(id),
    machine_facts      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(machine_facts)),
    sla_plan_id        INTEGER REFERENCES sla_plans(id),
    submitted_at       TEXT NOT NULL,  -- the client's clock
    received_at        TEXT NOT NULL,  -- the appliance's clock
    first_response_at  TEXT,
    resolved_at        TEXT,
    closed_at          TEXT,
    response_due_at    TEXT,
    resolution_due_at  TEXT,
    -- SLA pause while waiting for the client: since when, and business seconds paused so far
    sla_paused_since   TEXT,
    sla_paused_seconds INTEGER NOT NULL DEFAULT 0,
    updated_at         TEXT NOT NULL,
    -- optimistic concurrency: every change bumps it; an edit based on an older one is refused
    version            INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX tickets_received ON tickets(received_at);
CREATE INDEX tickets_status_received ON tickets(status, received_at);
CREATE INDEX tickets_assignee_status ON tickets(assignee_id, status, received_at);
CREATE INDEX tickets_org_received ON tickets(org_id, received_at);
CREATE INDEX tickets_category ON tickets(category_id, received_at);
CREATE INDEX tickets_person ON tickets(person_id, received_at);
CREATE INDEX tickets_equipment ON tickets(equipment_id, received_at);
CREATE INDEX tickets_device ON tickets(device_id, number);
CREATE INDEX tickets_resolution_due ON tickets(status, resolution_due_at);

CREATE TABLE ticket_attachments (
    ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    sha256    TEXT NOT NULL REFERENCES blobs(sha256),
    kind      TEXT NOT NULL DEFAULT 'screenshot' CHECK (kind IN ('screenshot', 'file')),
    position  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (ticket_id, sha256)
) STRICT;
CREATE INDEX ticket_attachments_blob ON ticket_attachments(sha256);

-- Every action and every change of a ticket, with who and when: the ticket's history.
CREATE TABLE ticket_actions (
    id              INTEGER PRIMARY KEY,
    ticket_id       INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    user_id         INTEGER REFERENCES users(id),
    created_at      TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN (
                        'comment', 'phone_call', 'remote_session', 'on_site', 'other',
                        'created', 'status', 'assignment', 'category', 'priority',
                        'client_message')),
    text            TEXT NOT NULL DEFAULT '',
    minutes         INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0),
    additional_work INTEGER NOT NULL DEFAULT 0 CHECK (additional_work IN (0, 1)),
    visibility      TEXT NOT NULL DEFAULT 'internal' CHECK (visibility IN ('internal', 'public')),
    old_value       TEXT,
    new_value       TEXT
) STRICT;
CREATE INDEX ticket_actions_ticket ON ticket_actions(ticket_id, created_at);
CREATE INDEX ticket_actions_user ON ticket_actions(user_id, created_at);

CREATE TABLE faq_articles (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    category_id INTEGER REFERENCES categories(id),
    public      INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1)),  -- shown to employees
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    user_id     INTEGER REFERENCES users(id),
    action      TEXT NOT NULL,
    object_type TEXT NOT NULL DEFAULT '',
    object_id   INTEGER,
    detail      TEXT NOT NULL DEFAULT '',
    remote_addr TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_object ON audit_log(object_type, object_id);

-- Full-text search. Trigram tokens find any substring of 3+ characters, case-insensitively in
-- Cyrillic too; the query side stems each word (Snowball, Russian and English) so that
-- "принтеры" finds "принтер", and a part of a word finds the word ("печат" -> "печатает").
CREATE VIRTUAL TABLE tickets_fts USING fts5(
    description, content = 'tickets', content_rowid = 'id',
    tokenize = 'trigram case_sensitive 0 remove_diacritics 1'
);
CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO tickets_fts(rowid, description) VALUES (NEW.id, NEW.description);
END;
CREATE TRIGGER tickets_fts_delete AFTER DELETE ON tickets BEGIN
    INSERT INTO tickets_fts(tickets_fts, rowid, description) VALUES ('delete', OLD.id, OLD.description);
END;
CREATE TRIGGER tickets_fts_update AFTER UPDATE OF description ON tickets BEGIN
    INSERT INTO tickets_fts(tickets_fts, rowid, description) VALUES ('delete', OLD.id, OLD.description);
    INSERT INTO tickets_fts(rowid, description) VALUES (NEW.id, NEW.description);
END;

CREATE VIRTUAL TABLE faq_fts USING fts5(
    title, body, content = 'faq_articles', content_rowid = 'id',
    tokenize = 'trigram case_sensitive 0 remove_diacritics 1'
);
CREATE TRIGGER faq_fts_insert AFTER INSERT ON faq_articles BEGIN
    INSERT INTO faq_fts(rowid, title, body) VALUES (NEW.id, NEW.title, NEW.body);
END;
CREATE TRIGGER faq_fts_delete AFTER DELETE ON faq_articles BEGIN
    INSERT INTO faq_fts(faq_fts, rowid, title, body) VALUES ('delete', OLD.id, OLD.title, OLD.body);
END;
CREATE TRIGGER faq_fts_update AFTER UPDATE OF title, body ON faq_articles BEGIN
    INSERT INTO faq_fts(faq_fts, rowid, title, body) VALUES ('delete', OLD.id, OLD.title, OLD.body);
    INSERT INTO faq_fts(rowid, title, body) VALUES (NEW.id, NEW.title, NEW.body);
END;

-- What changed, for open UI windows: one row per change of a ticket, written by triggers so that
-- every source (client API, a technician, a command in another process) is seen. Windows poll
-- max(seq) and refresh what they show.
CREATE TABLE ticket_changes (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id INTEGER NOT NULL,
    kind      TEXT NOT NULL,  -- 'created' | 'updated' | 'action'
    at        TEXT NOT NULL
) STRICT;
CREATE TRIGGER ticket_changes_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO ticket_changes(ticket_id, kind, at) VALUES (NEW.id, 'created', NEW.updated_at);
END;
CREATE TRIGGER ticket_changes_update AFTER UPDATE ON tickets BEGIN
    INSERT INTO ticket_changes(ticket_id, kind, at) VALUES (NEW.id, 'updated', NEW.updated_at);
END;
CREATE TRIGGER ticket_changes_action AFTER INSERT ON ticket_actions BEGIN
    INSERT INTO ticket_changes(ticket_id, kind, at) VALUES (NEW.ticket_id, 'action', NEW.created_at);
END;

-- The change feed for LiveViewer clients: number assignments, status changes and replies marked
-- visible to the employee. The cursor is seq. Written by triggers for the same reason as above.
CREATE TABLE feed_events (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL CHECK (kind IN ('number', 'status', 'reply')),
    at        TEXT NOT NULL,
    payload   TEXT NOT NULL CHECK (json_valid(payload))
) STRICT;
CREATE INDEX feed_events_ticket ON feed_events(ticket_id, seq);
CREATE TRIGGER feed_number AFTER INSERT ON tickets BEGIN
    INSERT INTO feed_events(ticket_id, kind, at, payload)
    VALUES (NEW.id, 'number', NEW.received_at,
            json_object('uuid', NEW.uuid, 'number', NEW.number, 'status', NEW.status));
END;
CREATE TRIGGER feed_status AFTER UPDATE OF status ON tickets WHEN NEW.status <> OLD.status BEGIN
    INSERT INTO feed_events(ticket_id, kind, at, payload)
    VALUES (NEW.id, 'status', NEW.updated_at,
            json_object('uuid', NEW.uuid, 'number', NEW.number, 'status', NEW.status));
END;
CREATE TRIGGER feed_reply AFTER INSERT ON ticket_actions WHEN NEW.visibility = 'public' BEGIN
    INSERT INTO feed_events(ticket_id, kind, at, payload)
    SELECT NEW.ticket_id, 'reply', NEW.created_at,
           json_object('uuid', t.uuid, 'number', t.number, 'action_id', NEW.id,
                       'text', NEW.text, 'kind', NEW.kind)
    FROM tickets AS t WHERE t.id = NEW.ticket_id;
END;
