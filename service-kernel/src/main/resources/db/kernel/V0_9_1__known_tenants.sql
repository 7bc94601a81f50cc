-- This service's copy of provisioning.tenants: the latest configuration per tenant. Written only by the
-- tenant registry's consumer; a row with removed = true is a tenant that must be treated as unknown.
CREATE TABLE known_tenants (
    tenant_id     TEXT PRIMARY KEY,
    version       BIGINT      NOT NULL,
    removed       BOOLEAN     NOT NULL,
    configuration BYTEA,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
