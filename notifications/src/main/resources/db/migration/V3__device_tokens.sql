-- Push tokens of driver apps and customers' tracking pages; a token belongs to one owner at a time.
CREATE TABLE device_tokens (
    token        text PRIMARY KEY CHECK (length(token) BETWEEN 1 AND 4096),
    owner_kind   text NOT NULL CHECK (owner_kind IN ('DRIVER', 'CUSTOMER')),
    driver_id    text REFERENCES drivers (id),
    tracking_id  text REFERENCES packages (tracking_id),
    platform     text NOT NULL CHECK (platform IN ('ANDROID', 'IOS', 'WEB')),
    locale       text NOT NULL DEFAULT 'en',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT device_tokens_one_owner CHECK (
        (owner_kind = 'DRIVER' AND driver_id IS NOT NULL AND tracking_id IS NULL)
        OR (owner_kind = 'CUSTOMER' AND tracking_id IS NOT NULL AND driver_id IS NULL))
);
CREATE INDEX device_tokens_driver ON device_tokens (driver_id);
CREATE INDEX device_tokens_package ON device_tokens (tracking_id);
