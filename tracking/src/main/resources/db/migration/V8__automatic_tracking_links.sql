-- The link a package gets when it goes out for delivery. Its token is derived from the package id with the
-- server's link secret (HMAC-SHA256), so pushes can name it again later; like every link, only its hash is kept.
ALTER TABLE tracking_links ADD COLUMN automatic boolean NOT NULL DEFAULT false;
CREATE UNIQUE INDEX tracking_links_automatic ON tracking_links (tracking_id) WHERE automatic;
