-- Which organisations uploaded each blob. A device may attach only a blob its organisation
-- uploaded; a screenshot's hash seen elsewhere is no key to it (the device must upload the bytes).
CREATE TABLE blob_owners (
    sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    org_id INTEGER NOT NULL REFERENCES organizations(id),
    PRIMARY KEY (sha256, org_id)
) STRICT, WITHOUT ROWID;

-- Blobs attached before: owned by the organisations whose tickets attach them.
INSERT OR IGNORE INTO blob_owners(sha256, org_id)
SELECT a.sha256, t.org_id
FROM ticket_attachments AS a JOIN tickets AS t ON t.id = a.ticket_id
WHERE t.org_id IS NOT NULL;
