-- Plans as a queue shared by every app node: the request is kept so that any node can solve it; a node claims a
-- RUNNING plan with FOR UPDATE SKIP LOCKED and holds it by a lease it renews while solving. A plan whose lease ran
-- out (its node died) is claimed again, up to a few attempts.
ALTER TABLE plans
    ADD COLUMN request       jsonb,
    ADD COLUMN requested_on  text,
    ADD COLUMN solver_node   text,
    ADD COLUMN lease_until   timestamptz,
    ADD COLUMN attempts      integer NOT NULL DEFAULT 0 CHECK (attempts >= 0);
CREATE INDEX plans_queue ON plans (created_at) WHERE status = 'RUNNING';
