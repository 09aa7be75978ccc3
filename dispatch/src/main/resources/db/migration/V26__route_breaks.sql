-- When the driver of a planned route takes the break the plan asked for (both null: no break planned).
ALTER TABLE routes
    ADD COLUMN break_start timestamptz,
    ADD COLUMN break_end   timestamptz,
    ADD CONSTRAINT routes_break_in_order CHECK (break_end >= break_start);
