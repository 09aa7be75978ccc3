-- Proof of delivery: one upload at a stop (a "delivery") records one attempt per package, each with the photos.
-- The upload is unique by its Idempotency-Key and by its fingerprint (stop, capturedAt, photo hashes), so that
-- a retry, even hours later, stores nothing twice.

CREATE TABLE deliveries (
    id               text PRIMARY KEY,
    stop_id          text NOT NULL REFERENCES stops (id),
    driver_id        text NOT NULL REFERENCES drivers (id),
    idempotency_key  text CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    fingerprint      text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
    captured_at      timestamptz NOT NULL,
    received_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX deliveries_fingerprint_once ON deliveries (fingerprint);
CREATE UNIQUE INDEX deliveries_key_once ON deliveries (driver_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX deliveries_stop ON deliveries (stop_id);

ALTER TABLE delivery_attempts ADD COLUMN delivery_id text REFERENCES deliveries (id);
CREATE INDEX attempts_delivery ON delivery_attempts (delivery_id);
CREATE INDEX attempts_package ON delivery_attempts (tracking_id);

-- Up to three photos and one signature per attempt; the customer's copy is re-encoded without metadata.
ALTER TABLE proof_of_delivery DROP CONSTRAINT proof_of_delivery_n_check;
ALTER TABLE proof_of_delivery
    ADD CONSTRAINT proof_of_delivery_n_check CHECK (n BETWEEN 1 AND 4),
    ADD COLUMN kind               text NOT NULL DEFAULT 'PHOTO' CHECK (kind IN ('PHOTO', 'SIGNATURE')),
    ADD COLUMN customer_blob_key  text;
