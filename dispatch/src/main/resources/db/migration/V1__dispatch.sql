-- The system of record for dispatch: stations, DSPs, drivers, vans, packages, blocks, plans,
-- routes, stops, delivery attempts and proof-of-delivery records, plus the outbox.
-- Invariants live here as constraints, so that no code path can break them.

CREATE TABLE stations (
    id            text PRIMARY KEY,
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    address       text NOT NULL,
    lat           double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon           double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    time_zone     text NOT NULL,
    geofence_wkt  text NOT NULL CHECK (geofence_wkt LIKE 'POLYGON%'),
    version       integer NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE dsps (
    id          text PRIMARY KEY,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX dsps_name_unique ON dsps (lower(name));

CREATE TABLE drivers (
    id               text PRIMARY KEY,
    name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind             text NOT NULL CHECK (kind IN ('FLEX', 'DSP')),
    dsp_id           text REFERENCES dsps (id),
    home_station_id  text NOT NULL REFERENCES stations (id),
    phone            text NOT NULL,
    locale           text NOT NULL DEFAULT 'en',
    active           boolean NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT drivers_dsp_matches_kind CHECK ((kind = 'DSP') = (dsp_id IS NOT NULL))
);
CREATE INDEX drivers_dsp ON drivers (dsp_id);

CREATE TABLE vans (
    id                 text PRIMARY KEY,
    dsp_id             text NOT NULL REFERENCES dsps (id),
    plate              text NOT NULL CHECK (length(plate) BETWEEN 1 AND 20),
    capacity_packages  integer NOT NULL CHECK (capacity_packages > 0),
    volume_liters      double precision NOT NULL CHECK (volume_liters > 0),
    weight_kg          double precision NOT NULL CHECK (weight_kg > 0),
    active             boolean NOT NULL DEFAULT true,
    created_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT vans_plate_unique_per_dsp UNIQUE (dsp_id, plate)
);

CREATE TABLE packages (
    tracking_id     text PRIMARY KEY CHECK (tracking_id ~ '^[A-Za-z0-9_-]{4,40}$'),
    station_id      text NOT NULL REFERENCES stations (id),
    kind            text NOT NULL DEFAULT 'DELIVERY' CHECK (kind IN ('DELIVERY', 'PICKUP')),
    recipient_name  text NOT NULL,
    address         text NOT NULL,
    lat             double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon             double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    window_from     timestamptz NOT NULL,
    window_to       timestamptz NOT NULL,
    weight_kg       double precision NOT NULL CHECK (weight_kg > 0),
    length_cm       double precision NOT NULL CHECK (length_cm > 0),
    width_cm        double precision NOT NULL CHECK (width_cm > 0),
    height_cm       double precision NOT NULL CHECK (height_cm > 0),
    locale          text,
    status          text NOT NULL DEFAULT 'MANIFESTED' CHECK (status IN (
                        'MANIFESTED', 'AT_STATION', 'PLANNED', 'OUT_FOR_DELIVERY', 'DELIVERED', 'ATTEMPTED',
                        'RETURNED_TO_STATION', 'RETURN_TO_SENDER', 'RETURNED_TO_SENDER', 'MISSING',
                        'PICKED_UP', 'CANCELLED')),
    attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    version         integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT packages_window_ordered CHECK (window_to > window_from)
);
CREATE INDEX packages_station_window ON packages (station_id, window_from);

CREATE TABLE package_events (
    id           bigserial PRIMARY KEY,
    tracking_id  text NOT NULL REFERENCES packages (tracking_id),
    at           timestamptz NOT NULL DEFAULT now(),
    status       text NOT NULL,
    detail       text
);
CREATE INDEX package_events_package ON package_events (tracking_id, at);

CREATE TABLE blocks (
    id                text PRIMARY KEY,
    station_id        text NOT NULL REFERENCES stations (id),
    starts_at         timestamptz NOT NULL,
    duration_minutes  integer NOT NULL CHECK (duration_minutes BETWEEN 60 AND 480),
    pay_amount        numeric(10, 2) NOT NULL CHECK (pay_amount >= 0),
    pay_currency      char(3) NOT NULL,
    service_type      text NOT NULL CHECK (service_type IN ('LOGISTICS', 'RETURNS')),
    status            text NOT NULL DEFAULT 'OFFERED' CHECK (status IN (
                          'OFFERED', 'CLAIMED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED', 'NO_SHOW')),
    driver_id         text REFERENCES drivers (id),
    claimed_at        timestamptz,
    checked_in_at     timestamptz,
    version           integer NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT blocks_held_by_a_driver CHECK (
        (status IN ('CLAIMED', 'CHECKED_IN', 'COMPLETED', 'NO_SHOW')) = (driver_id IS NOT NULL))
);
CREATE INDEX blocks_station_start ON blocks (station_id, starts_at);
CREATE INDEX blocks_driver ON blocks (driver_id, starts_at);

CREATE TABLE plans (
    id            text PRIMARY KEY,
    station_id    text NOT NULL REFERENCES stations (id),
    service_date  date NOT NULL,
    status        text NOT NULL CHECK (status IN ('RUNNING', 'READY', 'FAILED', 'PUBLISHED')),
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE routes (
    id             text PRIMARY KEY,
    station_id     text NOT NULL REFERENCES stations (id),
    plan_id        text REFERENCES plans (id),
    service_date   date NOT NULL,
    dsp_id         text REFERENCES dsps (id),
    block_id       text REFERENCES blocks (id),
    driver_id      text REFERENCES drivers (id),
    van_id         text REFERENCES vans (id),
    status         text NOT NULL DEFAULT 'PLANNED' CHECK (status IN (
                       'PLANNED', 'ASSIGNED', 'IN_PROGRESS', 'FINISHED', 'CANCELLED')),
    planned_start  timestamptz,
    planned_end    timestamptz,
    distance_m     double precision CHECK (distance_m >= 0),
    duration_s     double precision CHECK (duration_s >= 0),
    started_at     timestamptz,
    finished_at    timestamptz,
    version        integer NOT NULL DEFAULT 0,
    CONSTRAINT routes_in_progress_has_driver CHECK (status NOT IN ('IN_PROGRESS', 'FINISHED') OR driver_id IS NOT NULL)
);
CREATE INDEX routes_dsp_date ON routes (dsp_id, service_date);
CREATE INDEX routes_driver_date ON routes (driver_id, service_date);

CREATE TABLE stops (
    id                 text PRIMARY KEY,
    route_id           text NOT NULL REFERENCES routes (id),
    seq                integer NOT NULL CHECK (seq >= 0),
    kind               text NOT NULL DEFAULT 'DELIVERY' CHECK (kind IN ('DELIVERY', 'PICKUP')),
    address            text NOT NULL,
    lat                double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon                double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    window_from        timestamptz,
    window_to          timestamptz,
    planned_arrival    timestamptz,
    planned_departure  timestamptz,
    notes              text,
    status             text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'ARRIVED', 'COMPLETED', 'SKIPPED')),
    arrived_at         timestamptz,
    completed_at       timestamptz,
    version            integer NOT NULL DEFAULT 0,
    CONSTRAINT stops_sequence_unique UNIQUE (route_id, seq) DEFERRABLE INITIALLY IMMEDIATE
);

ALTER TABLE packages ADD COLUMN stop_id text REFERENCES stops (id);
CREATE INDEX packages_stop ON packages (stop_id);

CREATE TABLE delivery_attempts (
    id               text PRIMARY KEY,
    stop_id          text NOT NULL REFERENCES stops (id),
    tracking_id      text NOT NULL REFERENCES packages (tracking_id),
    driver_id        text NOT NULL REFERENCES drivers (id),
    outcome          text NOT NULL CHECK (outcome IN ('DELIVERED', 'ATTEMPTED', 'PICKED_UP')),
    place            text,
    reason           text,
    lat              double precision CHECK (lat BETWEEN -90 AND 90),
    lon              double precision CHECK (lon BETWEEN -180 AND 180),
    accuracy_m       double precision CHECK (accuracy_m >= 0),
    recipient_name   text,
    captured_at      timestamptz NOT NULL,
    received_at      timestamptz NOT NULL DEFAULT now(),
    flags            text[] NOT NULL DEFAULT '{}',
    idempotency_key  text,
    CONSTRAINT attempts_reason_when_attempted CHECK (outcome <> 'ATTEMPTED' OR reason IS NOT NULL)
);
-- A package is delivered at most once, whatever the retries.
CREATE UNIQUE INDEX attempts_delivered_once ON delivery_attempts (tracking_id) WHERE outcome = 'DELIVERED';
CREATE INDEX attempts_stop ON delivery_attempts (stop_id);

CREATE TABLE proof_of_delivery (
    id            text PRIMARY KEY,
    attempt_id    text NOT NULL REFERENCES delivery_attempts (id),
    n             integer NOT NULL CHECK (n BETWEEN 1 AND 3),
    sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content_type  text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    size_bytes    bigint NOT NULL CHECK (size_bytes > 0),
    width_px      integer NOT NULL CHECK (width_px > 0),
    height_px     integer NOT NULL CHECK (height_px > 0),
    exif_lat      double precision,
    exif_lon      double precision,
    exif_time     timestamptz,
    blob_key      text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pod_photo_number_unique UNIQUE (attempt_id, n)
);

-- Cross-module events, written in the same transaction as the change they report.
CREATE TABLE outbox (
    id            bigserial PRIMARY KEY,
    event_type    text NOT NULL,
    aggregate_id  text NOT NULL,
    payload       jsonb NOT NULL,
    occurred_at   timestamptz NOT NULL DEFAULT now(),
    relayed_at    timestamptz
);
CREATE INDEX outbox_pending ON outbox (id) WHERE relayed_at IS NULL;
