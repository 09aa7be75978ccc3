-- One route per driver and day holds for DSP routes only: a Flex driver may work several blocks in a day
-- (within the block caps and travel gap), each carrying its own route, and takes each route at check-in.
DROP INDEX routes_one_per_driver_day;
CREATE UNIQUE INDEX routes_one_per_driver_day ON routes (driver_id, service_date)
    WHERE driver_id IS NOT NULL AND status <> 'CANCELLED' AND block_id IS NULL;
