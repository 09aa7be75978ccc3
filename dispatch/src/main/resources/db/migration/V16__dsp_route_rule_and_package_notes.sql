-- One route per driver and day holds for DSP routes only: a Flex driver may work several blocks in a day
-- (within the block caps and travel gap), each carrying its own route, and takes each route at check-in.
DROP INDEX routes_one_per_driver_day;
CREATE UNIQUE INDEX routes_one_per_driver_day ON routes (driver_id, service_date)
    WHERE driver_id IS NOT NULL AND status <> 'CANCELLED' AND block_id IS NULL;

-- A note from station ops for the driver about one package (gate code, leave with the neighbour, ...),
-- shown with the package on the driver's itinerary.
ALTER TABLE packages ADD COLUMN ops_note text CHECK (length(ops_note) <= 500);
