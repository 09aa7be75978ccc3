-- Tracking links: only a hash of the token is kept; one package per link.
CREATE TABLE tracking_links (
    id           text PRIMARY KEY,
    token_hash   bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    tracking_id  text NOT NULL REFERENCES packages (tracking_id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX tracking_links_package ON tracking_links (tracking_id);
