-- Sign-in accounts of DSP dispatchers. The username is unique across every DSP because it alone names the
-- account at sign-in; the password is kept only as a PasswordEncoder hash ({bcrypt}...).
CREATE TABLE dispatchers (
    id             text PRIMARY KEY,
    dsp_id         text NOT NULL REFERENCES dsps (id),
    username       text NOT NULL CHECK (username ~ '^[a-z0-9._@-]{3,100}$'),
    name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    password_hash  text NOT NULL,
    active         boolean NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT dispatchers_username_unique UNIQUE (username)
);
CREATE INDEX dispatchers_dsp ON dispatchers (dsp_id);
