-- sync-service owns this schema. Tables arrive with the issues that need them; the messaging kernel's
-- outbox and processed-event tables come from classpath:db/kernel.
CREATE TABLE service_info (
    name       TEXT PRIMARY KEY,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO service_info (name) VALUES ('sync-service');
