-- Tenants with their service-account credentials (sealed with CredentialSeal, context tenantId/credentialId) and
-- enrollment policy; a removed tenant is kept so that its version stays monotonic if it is registered again.
CREATE TABLE tenants (
    tenant_id           TEXT PRIMARY KEY,
    display_name        TEXT        NOT NULL,
    client_id           TEXT        NOT NULL,
    authority_host      TEXT        NOT NULL,
    graph_base_url      TEXT        NOT NULL,
    authority_trust_pem TEXT,
    policy              TEXT        NOT NULL,
    version             BIGINT      NOT NULL,
    removed             BOOLEAN     NOT NULL DEFAULT FALSE,
    updated_at          TIMESTAMPTZ NOT NULL
);

CREATE TABLE tenant_credentials (
    tenant_id     TEXT        NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    credential_id TEXT        NOT NULL,
    kind          TEXT        NOT NULL,
    sealed        TEXT        NOT NULL,
    thumbprint    TEXT,
    expires_at    TIMESTAMPTZ NOT NULL,
    added_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, credential_id)
);

-- One row per person or room mailbox: where its enrollment stands, so nothing is lost across restarts.
CREATE TABLE enrollments (
    tenant_id           TEXT        NOT NULL,
    user_id             TEXT        NOT NULL,
    kind                TEXT        NOT NULL,
    user_principal_name TEXT,
    mail                TEXT,
    display_name        TEXT,
    room_list_address   TEXT,
    state               TEXT        NOT NULL,
    operation           TEXT        NOT NULL,
    strategy            TEXT        NOT NULL,
    scope_id            TEXT,
    scope_name          TEXT,
    attempts            INT         NOT NULL DEFAULT 0,
    next_attempt_at     TIMESTAMPTZ NOT NULL,
    verify_since        TIMESTAMPTZ,
    failure_reason      TEXT,
    last_error          TEXT,
    admin_script        TEXT,
    correlation_id      TEXT,
    connected           BOOLEAN     NOT NULL DEFAULT FALSE,
    revision            BIGINT      NOT NULL DEFAULT 0,
    updated_at          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX enrollments_due ON enrollments (state, next_attempt_at);
