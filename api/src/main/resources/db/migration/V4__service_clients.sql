-- OAuth2 client_credentials clients of the local issuer; secrets are kept only as hashes.
CREATE TABLE service_clients (
    client_id    text PRIMARY KEY,
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    secret_hash  text NOT NULL,
    roles        text[] NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
