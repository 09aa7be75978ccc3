-- What re-sequencing a published route needs from its plan: the service times asked for, and when each
-- route's shift ends (the vehicle type's shift start plus its maximum length).

ALTER TABLE plans
    ADD COLUMN service_seconds_per_stop           integer CHECK (service_seconds_per_stop >= 0),
    ADD COLUMN service_seconds_per_extra_package  integer CHECK (service_seconds_per_extra_package >= 0);

ALTER TABLE routes
    ADD COLUMN shift_end  timestamptz;
