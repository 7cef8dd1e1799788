-- The FAQ becomes a knowledge base the technicians write (issue 12): tags, an organisation (NULL:
-- for every client), a version for compare-and-set saves, counters, history, drafts, "helped"
-- links to tickets, employees' "this solved it" answers from LiveViewer, and pictures.
ALTER TABLE faq_articles ADD COLUMN tags TEXT NOT NULL DEFAULT '';          -- "vpn, удалёнка"
ALTER TABLE faq_articles ADD COLUMN org_id INTEGER REFERENCES organizations(id);
ALTER TABLE faq_articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE faq_articles ADD COLUMN updated_by INTEGER REFERENCES users(id);
ALTER TABLE faq_articles ADD COLUMN view_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE faq_articles ADD COLUMN helped_count INTEGER NOT NULL DEFAULT 0;
-- Employees who found their answer in LiveViewer and did not send a request.
ALTER TABLE faq_articles ADD COLUMN solved_count INTEGER NOT NULL DEFAULT 0;

-- Every saved state of an article, version 1 first; a restore writes a new version.
CREATE TABLE faq_versions (
    article_id  INTEGER NOT NULL REFERENCES faq_articles(id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    category_id INTEGER,
    tags        TEXT NOT NULL DEFAULT '',
    public      INTEGER NOT NULL CHECK (public IN (0, 1)),
    org_id      INTEGER,
    saved_by    INTEGER REFERENCES users(id),
    saved_at    TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',  -- "restored from version 3"
    PRIMARY KEY (article_id, version)
) STRICT;

INSERT INTO faq_versions(article_id, version, title, body, category_id, tags, public, org_id,
                         saved_by, saved_at)
SELECT id, 1, title, body, category_id, tags, public, org_id, created_by, updated_at
FROM faq_articles;

-- What a technician is typing, saved as they type: one per user and article (article_id 0: a new
-- article). base_version is the version the edit started from.
CREATE TABLE faq_drafts (
    user_id      INTEGER NOT NULL REFERENCES users(id),
    article_id   INTEGER NOT NULL,
    base_version INTEGER NOT NULL DEFAULT 0,
    title        TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL DEFAULT '',
    category_id  INTEGER,
    tags         TEXT NOT NULL DEFAULT '',
    public       INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1)),
    org_id       INTEGER,
    saved_at     TEXT NOT NULL,
    PRIMARY KEY (user_id, article_id)
) STRICT;

-- "This helped" on a ticket screen: each article counts once per ticket.
CREATE TABLE faq_helped (
    article_id INTEGER NOT NULL REFERENCES faq_articles(id) ON DELETE CASCADE,
    ticket_id  INTEGER NOT NULL REFERENCES tickets(id),
    user_id    INTEGER REFERENCES users(id),
    at         TEXT NOT NULL,
    PRIMARY KEY (article_id, ticket_id)
) STRICT;

-- "This solved it — don't send" from LiveViewer: the uuid the PC chose makes a resend count once.
CREATE TABLE faq_solved (
    uuid       TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL,
    device_id  INTEGER NOT NULL REFERENCES devices(id),
    at         TEXT NOT NULL
) STRICT;

-- Pictures pasted or uploaded into articles: served to those who may read the FAQ.
CREATE TABLE faq_blobs (
    sha256 TEXT PRIMARY KEY REFERENCES blobs(sha256)
) STRICT, WITHOUT ROWID;
