-- Transactional outbox of the messaging kernel (io.calbridge.messaging.Outbox / OutboxRelay).
-- Rows are appended in the service's own transaction and published to Kafka by the relay in id order.
CREATE TABLE outbox (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic        TEXT        NOT NULL,
    msg_key      TEXT        NOT NULL,
    headers      JSONB       NOT NULL,
    payload      BYTEA       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    published_at TIMESTAMPTZ
);

-- The relay's work queue: unpublished rows in id order.
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
-- Pruning of published rows after the retention period.
CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL;
