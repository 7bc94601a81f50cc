-- SCIM 2.0 provisioning (Entra ID, Okta): one bearer token per tenant (only its SHA-256 is kept) and the users
-- the provisioning client created, so that GET with a filter and PATCH active=false can be answered.
CREATE TABLE scim_tokens (
    tenant_id  TEXT PRIMARY KEY,
    token_hash TEXT        NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE scim_users (
    tenant_id    TEXT        NOT NULL,
    user_id      TEXT        NOT NULL,
    user_name    TEXT        NOT NULL,
    display_name TEXT,
    email        TEXT,
    department   TEXT,
    active       BOOLEAN     NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
CREATE UNIQUE INDEX scim_users_user_name ON scim_users (tenant_id, lower(user_name));

-- Directory watch: the Graph /users/delta link per tenant, so each run reads only what changed.
CREATE TABLE directory_watch (
    tenant_id  TEXT PRIMARY KEY,
    delta_link TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
