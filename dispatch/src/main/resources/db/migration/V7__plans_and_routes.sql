-- Route planning results and route execution: what a plan job reports, what each route carries,
-- and which packages each stop serves (a package joins packages.stop_id only when its plan is published).

ALTER TABLE plans
    ADD COLUMN budget_seconds  integer NOT NULL DEFAULT 0 CHECK (budget_seconds >= 0),
    ADD COLUMN started_at      timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN finished_at     timestamptz,
    ADD COLUMN travel_source   text,
    ADD COLUMN failure         text,
    ADD COLUMN stop_count      integer,
    ADD COLUMN package_count   integer,
    ADD COLUMN unplanned       text[] NOT NULL DEFAULT '{}',
    ADD COLUMN version         integer NOT NULL DEFAULT 0;
CREATE INDEX plans_station_date ON plans (station_id, service_date);

ALTER TABLE routes
    ADD COLUMN plan_seq            integer,
    ADD COLUMN vehicle_type        text,
    ADD COLUMN load_packages       integer NOT NULL DEFAULT 0 CHECK (load_packages >= 0),
    ADD COLUMN load_volume_liters  double precision NOT NULL DEFAULT 0,
    ADD COLUMN load_weight_kg      double precision NOT NULL DEFAULT 0;
CREATE INDEX routes_plan ON routes (plan_id, plan_seq);
-- One route per driver and day, so that two concurrent assignments cannot both win.
CREATE UNIQUE INDEX routes_one_per_driver_day ON routes (driver_id, service_date)
    WHERE driver_id IS NOT NULL AND status <> 'CANCELLED';

CREATE TABLE stop_packages (
    stop_id      text NOT NULL REFERENCES stops (id),
    tracking_id  text NOT NULL REFERENCES packages (tracking_id),
    PRIMARY KEY (stop_id, tracking_id)
);
CREATE INDEX stop_packages_package ON stop_packages (tracking_id);
