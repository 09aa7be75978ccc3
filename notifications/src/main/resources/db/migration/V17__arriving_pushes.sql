-- ARRIVING pushes already due: one per package and route, whichever event first found it close enough.
-- The event id lets a redelivery of that same event push again (a crash never eats it), no other event.
CREATE TABLE arriving_pushes (
    tracking_id  text NOT NULL,
    route_id     text NOT NULL,
    event_id     bigint NOT NULL,
    stops_away   integer NOT NULL,
    due_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tracking_id, route_id)
);
CREATE INDEX arriving_pushes_event ON arriving_pushes (route_id, event_id);
