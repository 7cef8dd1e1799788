-- The audit log is append-only: the store has no function that changes or removes a row, and
-- the database itself refuses (so neither a bug nor a hand-written statement can rewrite it).
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- The audit page filters by user and by action, newest first.
CREATE INDEX audit_log_user_at ON audit_log(user_id, at);
CREATE INDEX audit_log_action_at ON audit_log(action, at);
