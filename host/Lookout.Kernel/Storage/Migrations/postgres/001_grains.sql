CREATE TABLE grain_state (
    grain_type TEXT NOT NULL,
    grain_key TEXT NOT NULL,
    etag TEXT NOT NULL,
    payload TEXT NOT NULL,
    modified_at BIGINT NOT NULL,
    PRIMARY KEY (grain_type, grain_key)
);

CREATE TABLE grain_reminders (
    grain_type TEXT NOT NULL,
    grain_key TEXT NOT NULL,
    name TEXT NOT NULL,
    first_due_at BIGINT NOT NULL,
    due_at BIGINT NOT NULL,
    period_ms BIGINT NOT NULL,
    PRIMARY KEY (grain_type, grain_key, name)
);

CREATE INDEX ix_grain_reminders_due ON grain_reminders (due_at);
