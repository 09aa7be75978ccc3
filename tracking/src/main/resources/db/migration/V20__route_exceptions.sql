-- Exceptions on DSP routes for the dispatcher's live panel: each opens when its condition starts and is cleared
-- (cleared_at set) when it ends. At most one open row per kind and subject (the route, or the stop for
-- FAR_FROM_ADDRESS), so that every node may run the check and only one of them opens or clears a row.
CREATE TABLE route_exceptions (
    id          text PRIMARY KEY,
    dsp_id      text NOT NULL REFERENCES dsps (id),
    kind        text NOT NULL CHECK (kind IN ('NO_PINGS', 'NOT_MOVING', 'BEHIND_PLAN', 'OFF_PATH', 'FAR_FROM_ADDRESS',
                    'LOW_BATTERY', 'UNASSIGNED_ROUTE')),
    subject     text NOT NULL,
    driver_id   text REFERENCES drivers (id),
    route_id    text REFERENCES routes (id),
    stop_id     text REFERENCES stops (id),
    started_at  timestamptz NOT NULL,
    cleared_at  timestamptz CHECK (cleared_at IS NULL OR cleared_at >= started_at),
    detail      text NOT NULL,
    lat         double precision CHECK (lat BETWEEN -90 AND 90),
    lon         double precision CHECK (lon BETWEEN -180 AND 180)
);
CREATE UNIQUE INDEX route_exceptions_one_open ON route_exceptions (kind, subject) WHERE cleared_at IS NULL;
CREATE INDEX route_exceptions_dsp_open ON route_exceptions (dsp_id) WHERE cleared_at IS NULL;
CREATE INDEX route_exceptions_route ON route_exceptions (route_id);
