-- Connected mailboxes and their delta state: the window baked into the delta token, the deltaLink of the last
-- completed round, and the nextLink of a round in progress (so a restart resumes mid-round).
CREATE TABLE mailboxes (
    tenant_id       TEXT        NOT NULL,
    mailbox_id      TEXT        NOT NULL,
    address         TEXT        NOT NULL,
    kind            TEXT        NOT NULL,
    display_name    TEXT,
    connected_at    TIMESTAMPTZ NOT NULL,
    window_start    TIMESTAMPTZ,
    window_end      TIMESTAMPTZ,
    delta_link      TEXT,
    next_link       TEXT,
    baseline_epoch  BIGINT      NOT NULL DEFAULT 0,
    in_baseline     BOOLEAN     NOT NULL DEFAULT FALSE,
    last_synced_at  TIMESTAMPTZ,
    last_error      TEXT,
    PRIMARY KEY (tenant_id, mailbox_id)
);

-- What sync last reported for each event (occurrences, exceptions, single instances, masters when Graph
-- returns them). seen_epoch marks the events seen by a re-baseline round: the shadow set.
CREATE TABLE calendar_items (
    tenant_id        TEXT        NOT NULL,
    mailbox_id       TEXT        NOT NULL,
    event_id         TEXT        NOT NULL,
    event_type       TEXT        NOT NULL,
    series_master_id TEXT,
    original_start   TIMESTAMPTZ,
    start_at         TIMESTAMPTZ NOT NULL,
    end_at           TIMESTAMPTZ NOT NULL,
    is_cancelled     BOOLEAN     NOT NULL,
    change_key       TEXT        NOT NULL,
    content_hash     TEXT        NOT NULL,
    snapshot         JSONB       NOT NULL,
    seen_epoch       BIGINT      NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, mailbox_id, event_id)
);
CREATE INDEX calendar_items_series ON calendar_items (tenant_id, mailbox_id, series_master_id);

-- Calbridge's tag (CalbridgeTag extended property) per Graph item (single instance or series master); a row with
-- a NULL tag records that the item has none, so it is looked up once.
CREATE TABLE item_tags (
    tenant_id  TEXT NOT NULL,
    mailbox_id TEXT NOT NULL,
    item_id    TEXT NOT NULL,
    tag        TEXT,
    PRIMARY KEY (tenant_id, mailbox_id, item_id)
);

-- Durable, coalescing queue of delta runs: one row per mailbox; generation counts requests so a request that
-- arrives while a run is in progress causes one more run.
CREATE TABLE sync_requests (
    tenant_id          TEXT        NOT NULL,
    mailbox_id         TEXT        NOT NULL,
    reason             TEXT        NOT NULL,
    rebaseline         BOOLEAN     NOT NULL DEFAULT FALSE,
    check_subscription BOOLEAN     NOT NULL DEFAULT FALSE,
    generation         BIGINT      NOT NULL DEFAULT 1,
    requested_at       TIMESTAMPTZ NOT NULL,
    not_before         TIMESTAMPTZ NOT NULL,
    attempts           INT         NOT NULL DEFAULT 0,
    claimed_by         TEXT,
    claimed_until      TIMESTAMPTZ,
    claimed_generation BIGINT,
    PRIMARY KEY (tenant_id, mailbox_id)
);
CREATE INDEX sync_requests_due ON sync_requests (not_before);

-- One change-notification subscription per mailbox. The clientState is kept only as a SHA-256 hash.
CREATE TABLE subscriptions (
    tenant_id         TEXT        NOT NULL,
    mailbox_id        TEXT        NOT NULL,
    subscription_id   TEXT,
    client_state_hash TEXT,
    expires_at        TIMESTAMPTZ,
    renew_at          TIMESTAMPTZ,
    health            TEXT        NOT NULL,
    last_error        TEXT,
    updated_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, mailbox_id)
);
CREATE UNIQUE INDEX subscriptions_by_id ON subscriptions (subscription_id);

-- Events written for external apps (sync.pushes): externalId -> Graph event id, with the content last written.
CREATE TABLE pushed_events (
    tenant_id        TEXT        NOT NULL,
    mailbox_id       TEXT        NOT NULL,
    external_id      TEXT        NOT NULL,
    graph_event_id   TEXT,
    transaction_id   TEXT        NOT NULL,
    content_hash     TEXT,
    deleted          BOOLEAN     NOT NULL DEFAULT FALSE,
    last_occurred_at TIMESTAMPTZ NOT NULL,
    correlation_id   TEXT,
    updated_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, mailbox_id, external_id)
);
