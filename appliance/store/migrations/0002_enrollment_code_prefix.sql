-- Enrolment codes are shown once; admins recognise them later by their first characters.
ALTER TABLE enrollment_codes ADD COLUMN code_prefix TEXT NOT NULL DEFAULT '';
-- Enrolment consumes a code by its hash; devices are found by their token hash (both UNIQUE,
-- so already indexed). Listing the devices of an organisation, newest first:
CREATE INDEX devices_org_enrolled ON devices(org_id, enrolled_at);
