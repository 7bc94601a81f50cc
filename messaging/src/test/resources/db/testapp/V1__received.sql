-- State of the kernel ITs' test handler: one row per event it applied.
CREATE TABLE received (
    seq     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ce_id   TEXT NOT NULL,
    msg_key TEXT NOT NULL,
    payload TEXT NOT NULL
);
