-- When a DSP's route still had no driver an hour before its start was reported, so that it is reported once.
ALTER TABLE routes ADD COLUMN unassigned_reported_at timestamptz;
CREATE INDEX routes_unassigned_due ON routes (planned_start) WHERE status = 'PLANNED' AND unassigned_reported_at IS NULL;
