-- The shipper's name as its manifest gives it (optional): the customer's tracking page says who the package is from.
ALTER TABLE packages ADD COLUMN shipper_name text CHECK (length(shipper_name) BETWEEN 1 AND 200);
