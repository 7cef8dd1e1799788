-- Encrypted backups (appliance/backup): one row per backup made by the schedule, the settings
-- page or the command, successful or not, for Settings -> Backups. The schedule itself and the
-- key derived from the backup passphrase are rows of `settings` ('backup.schedule',
-- 'backup.wrapping').
CREATE TABLE backup_runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    seconds     REAL NOT NULL,
    trigger     TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual', 'cli')),
    result      TEXT NOT NULL CHECK (result IN ('ok', 'failed')),
    file_name   TEXT NOT NULL DEFAULT '',
    folder      TEXT NOT NULL DEFAULT '',
    size        INTEGER NOT NULL DEFAULT 0,
    error_key   TEXT NOT NULL DEFAULT '',
    error_text  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX backup_runs_started ON backup_runs(started_at);
