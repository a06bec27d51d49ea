-- A message as a module enqueued it; state 'pending' until its recipients are resolved into deliveries.
CREATE TABLE ob_messages (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    channel TEXT NOT NULL,
    subject TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL,
    resolve_attempts INTEGER NOT NULL DEFAULT 0,
    due_at BIGINT NOT NULL,
    claimed_until BIGINT NULL,
    created_at BIGINT NOT NULL
);

CREATE UNIQUE INDEX ux_ob_messages_key ON ob_messages (workspace_id, idempotency_key);
CREATE INDEX ix_ob_messages_due ON ob_messages (due_at) WHERE state = 'pending';

-- One recipient address on one channel. address '' is a recipient that could not be reached (last_reason says why).
-- attempts counts the current budget (a resend starts a fresh one); attempt_count every attempt ever made.
CREATE TABLE ob_deliveries (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    message_id TEXT NOT NULL REFERENCES ob_messages (id),
    idempotency_key TEXT NOT NULL,
    channel TEXT NOT NULL,
    address TEXT NOT NULL,
    recipient_name TEXT NULL,
    time_zone TEXT NOT NULL,
    csv TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    attempt_count INTEGER NOT NULL DEFAULT 0,
    due_at BIGINT NOT NULL,
    claimed_until BIGINT NULL,
    claim TEXT NULL,
    last_reason TEXT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    delivered_at BIGINT NULL
);

CREATE UNIQUE INDEX ux_ob_deliveries_key ON ob_deliveries (workspace_id, idempotency_key);
-- Only what the dispatcher looks for: delivered and dead rows stay out of it.
CREATE INDEX ix_ob_deliveries_due ON ob_deliveries (due_at) WHERE status IN ('pending', 'retrying');
CREATE INDEX ix_ob_deliveries_log ON ob_deliveries (workspace_id, created_at);

-- The delivery log: one row per attempt, opened when it is claimed, closed when the channel answers.
CREATE TABLE ob_attempts (
    delivery_id TEXT NOT NULL REFERENCES ob_deliveries (id),
    number INTEGER NOT NULL,
    workspace_id TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    finished_at BIGINT NULL,
    outcome TEXT NULL,
    reason TEXT NULL,
    PRIMARY KEY (delivery_id, number)
);
