-- A session carries the version of its account at sign-in; a password reset or a disable bumps
-- it, so every session opened before (a copied cookie too) ends at its next page load.
ALTER TABLE users ADD COLUMN session_version INTEGER NOT NULL DEFAULT 1;
