-- Client cards (issue 9): everything a help desk keeps about a client, each kind archivable.

-- Equipment kind 'mfp' (a multifunction printer). SQLite cannot alter a CHECK, and rebuilding
-- equipment is not possible inside the migration's transaction: foreign_keys is ON there, so
-- dropping the old table would run its ON DELETE SET NULL actions on credentials and licenses.
-- The CHECK only widens (every stored row stays valid), which is the case SQLite documents as
-- safe to do by editing the schema text; the ALTER TABLE statements after it bump the schema
-- cookie, so every other connection reloads the schema.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''phone'', ''other''', '''phone'', ''mfp'', ''other''')
 WHERE type = 'table' AND name = 'equipment';
PRAGMA writable_schema = RESET;

-- People: where they sit and whether they are the client's key contact.
ALTER TABLE persons ADD COLUMN workstation_id INTEGER REFERENCES equipment(id) ON DELETE SET NULL;
ALTER TABLE persons ADD COLUMN key_person INTEGER NOT NULL DEFAULT 0 CHECK (key_person IN (0, 1));

-- Equipment: operating system, purchase and warranty (YYYY-MM-DD), archived state.
ALTER TABLE equipment ADD COLUMN os TEXT NOT NULL DEFAULT '';
ALTER TABLE equipment ADD COLUMN purchase_date TEXT;   -- YYYY-MM-DD or NULL
ALTER TABLE equipment ADD COLUMN warranty_until TEXT;  -- YYYY-MM-DD or NULL
ALTER TABLE equipment ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
-- MACs are stored normalised (aa:bb:cc:dd:ee:ff), so a request's MAC matches by equality.
CREATE INDEX equipment_mac ON equipment(org_id, mac) WHERE mac <> '';

-- Organisation: contract and contact person, and its network facts (the Network tab).
ALTER TABLE organizations ADD COLUMN contact_name TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN contract TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN subnets TEXT NOT NULL DEFAULT '';      -- CIDRs, one a line
ALTER TABLE organizations ADD COLUMN gateway TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN dns_servers TEXT NOT NULL DEFAULT '';  -- IPs, one a line
ALTER TABLE organizations ADD COLUMN isp TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN external_ip TEXT NOT NULL DEFAULT '';

-- Credentials: archived state, and when the secret itself last changed (what the age flag
-- measures; updated_at moves on any edit).
ALTER TABLE credentials ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
ALTER TABLE credentials ADD COLUMN secret_changed_at TEXT;
UPDATE credentials SET secret_changed_at = updated_at;

-- Licenses: vendor, seats in use, first valid day, archived state; assigned to any number of
-- people and pieces of equipment (license_assignments supersedes licenses.person_id and
-- licenses.equipment_id, which are copied over below and no longer written).
ALTER TABLE licenses ADD COLUMN vendor TEXT NOT NULL DEFAULT '';
ALTER TABLE licenses ADD COLUMN seats_used INTEGER NOT NULL DEFAULT 0 CHECK (seats_used >= 0);
ALTER TABLE licenses ADD COLUMN valid_from TEXT;  -- YYYY-MM-DD or NULL
ALTER TABLE licenses ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));

CREATE TABLE license_assignments (
    id           INTEGER PRIMARY KEY,
    license_id   INTEGER NOT NULL REFERENCES licenses(id) ON DELETE CASCADE,
    person_id    INTEGER REFERENCES persons(id) ON DELETE CASCADE,
    equipment_id INTEGER REFERENCES equipment(id) ON DELETE CASCADE,
    CHECK ((person_id IS NULL) <> (equipment_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX license_assignments_person
    ON license_assignments(license_id, person_id) WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX license_assignments_equipment
    ON license_assignments(license_id, equipment_id) WHERE equipment_id IS NOT NULL;
CREATE INDEX license_assignments_of_person ON license_assignments(person_id);
CREATE INDEX license_assignments_of_equipment ON license_assignments(equipment_id);

INSERT INTO license_assignments(license_id, person_id)
    SELECT id, person_id FROM licenses WHERE person_id IS NOT NULL;
INSERT INTO license_assignments(license_id, equipment_id)
    SELECT id, equipment_id FROM licenses WHERE equipment_id IS NOT NULL;
UPDATE licenses SET person_id = NULL, equipment_id = NULL;

-- The age after which a credential's secret is flagged is the setting
-- 'clients.credential_max_age_days' (table settings; 180 days while unset).
