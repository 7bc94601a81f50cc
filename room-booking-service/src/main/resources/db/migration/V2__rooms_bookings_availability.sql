-- Room catalog, bookings and the availability index (issue 7).
-- btree_gist lets an exclusion constraint compare text columns with = next to a range with &&.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- One row per room mailbox of a tenant, keyed by its SMTP address because the Places API and
-- provisioning.accounts both know it; mailbox_id (Entra object id) arrives with AccountConnected.
CREATE TABLE rooms (
    tenant_id           TEXT        NOT NULL,
    email               TEXT        NOT NULL,           -- lower-case SMTP address
    mailbox_id          TEXT,                           -- Entra object id; the roomId of the API and events
    place_id            TEXT,
    display_name        TEXT,
    capacity            INTEGER,
    building            TEXT,
    floor_number        INTEGER,
    floor_label         TEXT,
    tags                TEXT[]      NOT NULL DEFAULT '{}',
    wheelchair          BOOLEAN,
    booking_type        TEXT,                           -- standard | reserved | unknown
    room_lists          TEXT[]      NOT NULL DEFAULT '{}',
    max_duration_minutes INTEGER,                       -- the room's MaximumDurationInMinutes when known
    in_places           BOOLEAN     NOT NULL DEFAULT FALSE,
    connected           BOOLEAN     NOT NULL DEFAULT FALSE,
    index_warm_at       TIMESTAMPTZ,                    -- first CalendarEventChanged seen for the room
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, email)
);
CREATE UNIQUE INDEX rooms_by_mailbox ON rooms (tenant_id, mailbox_id) WHERE mailbox_id IS NOT NULL;

-- Rooms that appeared in or disappeared from the Places API, for audit.
CREATE TABLE room_catalog_changes (
    id          BIGSERIAL   PRIMARY KEY,
    tenant_id   TEXT        NOT NULL,
    email       TEXT        NOT NULL,
    change      TEXT        NOT NULL,                   -- APPEARED | DISAPPEARED
    observed_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE bookings (
    id                UUID        PRIMARY KEY,
    tenant_id         TEXT        NOT NULL,
    room_id           TEXT        NOT NULL,             -- room mailbox id
    room_email        TEXT        NOT NULL,
    organizer         TEXT        NOT NULL,
    organizer_name    TEXT,
    organizer_id      TEXT,
    starts_at         TIMESTAMPTZ NOT NULL,
    ends_at           TIMESTAMPTZ NOT NULL,
    subject           TEXT,
    attendees         TEXT[]      NOT NULL DEFAULT '{}',
    mode              TEXT        NOT NULL,             -- ROOM_CALENDAR | INVITE
    status            TEXT        NOT NULL,             -- PENDING | REQUESTED | CONFIRMED | FAILED | DECLINED | CANCELLED | RELEASED
    idempotency_key   TEXT        NOT NULL,
    request_hash      TEXT        NOT NULL,
    event_mailbox     TEXT,                             -- whose calendar holds the event we wrote
    event_id          TEXT,
    ical_uid          TEXT,
    checked_in_at     TIMESTAMPTZ,
    failure           TEXT,
    correlation_id    TEXT,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    CHECK (ends_at > starts_at),
    UNIQUE (tenant_id, idempotency_key),
    -- Exactly one live booking per room and instant, whichever instance writes it.
    CONSTRAINT bookings_no_overlap EXCLUDE USING gist (
        tenant_id WITH =, room_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
        WHERE (status IN ('PENDING', 'REQUESTED', 'CONFIRMED'))
);
CREATE INDEX bookings_due ON bookings (status, starts_at);

-- The availability index: what sync reports about room calendars. Events Calbridge wrote carry booking_id.
CREATE TABLE room_busy (
    tenant_id   TEXT        NOT NULL,
    room_id     TEXT        NOT NULL,
    event_id    TEXT        NOT NULL,
    starts_at   TIMESTAMPTZ NOT NULL,
    ends_at     TIMESTAMPTZ NOT NULL,
    show_as     TEXT        NOT NULL,                   -- BUSY | TENTATIVE | OUT_OF_OFFICE | ...
    ical_uid    TEXT,
    booking_id  UUID,
    change_key  TEXT,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, room_id, event_id)
);
CREATE INDEX room_busy_by_time ON room_busy USING gist (tenant_id, room_id, tstzrange(starts_at, ends_at, '[)'));
