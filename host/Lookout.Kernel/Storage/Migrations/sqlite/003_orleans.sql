-- The Orleans silo's grain state and reminders on SQLite (Lookout.Kernel.Orleans.Sqlite). Rows carry the ServiceId
-- from ClusterOptions, so two services sharing one file never see each other's grains.

-- One row per state of a grain (a grain with two [PersistentState]s has two). A cleared state keeps its row without a
-- payload, as Orleans' ADO.NET provider does, so its version, the ETag, goes on counting.
CREATE TABLE orleans_grain_state (
    service_id TEXT NOT NULL,
    state_name TEXT NOT NULL,
    grain_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    payload BLOB,
    modified_at INTEGER NOT NULL,
    PRIMARY KEY (service_id, state_name, grain_id)
) WITHOUT ROWID;

-- grain_hash is GrainId.GetUniformHashCode(): each silo's reminder service reads the reminders of its part of the ring.
CREATE TABLE orleans_reminders (
    service_id TEXT NOT NULL,
    grain_id TEXT NOT NULL,
    reminder_name TEXT NOT NULL,
    grain_hash INTEGER NOT NULL,
    start_at INTEGER NOT NULL,
    period_ms INTEGER NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
) WITHOUT ROWID;

CREATE INDEX ix_orleans_reminders_ring ON orleans_reminders (service_id, grain_hash);

-- The home-made grain runtime's tables. Their only writer, the visitor grain, rebuilds its state from the page-view log.
DROP TABLE grain_reminders;
DROP TABLE grain_state;
