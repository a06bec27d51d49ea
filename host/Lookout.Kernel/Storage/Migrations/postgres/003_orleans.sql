-- Schema for the ADO.NET clustering, grain storage and reminders of Orleans (invariant "Npgsql"). Those packages
-- ship no SQL: at start-up each provider loads its statements from this table by key, then binds its parameters to
-- them by name (@DeploymentId, @GrainIdHash, ...) and reads result columns by name; docs/orleans-postgres.md lists
-- the contract. Orleans asks "SELECT QueryKey, QueryText FROM OrleansQuery" unquoted, which PostgreSQL folds to
-- these lower-case names.
CREATE TABLE orleansquery (
    querykey TEXT NOT NULL PRIMARY KEY,
    querytext TEXT NOT NULL
);

-- Clustering. Every membership change must also move the version of its cluster from the value the silo read
-- (@Version) to the next one, in the same statement: a silo that read a stale table loses the race and re-reads.
-- Times are TIMESTAMPTZ because Orleans binds them as UTC DateTime and reads them back with GetDateTime.
CREATE TABLE orleans_membership_version (
    cluster_id TEXT NOT NULL PRIMARY KEY,
    version INTEGER NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE orleans_membership (
    cluster_id TEXT NOT NULL REFERENCES orleans_membership_version (cluster_id) ON DELETE CASCADE,
    address TEXT NOT NULL,
    port INTEGER NOT NULL,
    generation INTEGER NOT NULL,
    silo_name TEXT NOT NULL,
    host_name TEXT NOT NULL,
    status INTEGER NOT NULL,
    proxy_port INTEGER NOT NULL,
    -- "silo,time|silo,time" as Orleans formats it; NULL when nobody suspects the silo.
    suspect_times TEXT NULL,
    start_time TIMESTAMPTZ NOT NULL,
    i_am_alive_time TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (cluster_id, address, port, generation)
);

-- Grain storage. Orleans passes the state name (not the grain type) as @GrainTypeString and only the key of the grain
-- as @GrainIdN0/@GrainIdN1/@GrainIdExtensionString (string keys travel whole in the extension), plus 32-bit hashes of
-- both; the columns say what they hold. The unique key leads with the hashes so that the one index also finds a row.
-- The extension is NULL for integer and Guid keys without one, hence NULLS NOT DISTINCT (PostgreSQL 15+). A clear
-- that keeps the row sets the payload to NULL and moves the version on, so a grain holding an older ETag conflicts.
CREATE TABLE orleans_storage (
    grain_key_hash INTEGER NOT NULL,
    state_name_hash INTEGER NOT NULL,
    service_id TEXT NOT NULL,
    state_name TEXT NOT NULL,
    grain_key_n0 BIGINT NOT NULL,
    grain_key_n1 BIGINT NOT NULL,
    grain_key_extension TEXT NULL,
    payload BYTEA NULL,
    version INTEGER NOT NULL,
    modified_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT uq_orleans_storage_grain UNIQUE NULLS NOT DISTINCT
        (grain_key_hash, state_name_hash, service_id, state_name, grain_key_n0, grain_key_n1, grain_key_extension)
);

-- Reminders. Each silo reads the reminders of its slice of the hash ring: @BeginHash exclusive to @EndHash
-- inclusive. Orleans sends the unsigned ring positions as signed integers and picks the query by comparing them
-- signed, so grain_hash is stored signed and compared signed too.
CREATE TABLE orleans_reminders (
    service_id TEXT NOT NULL,
    grain_id TEXT NOT NULL,
    reminder_name TEXT NOT NULL,
    start_time TIMESTAMPTZ NOT NULL,
    period_ms BIGINT NOT NULL,
    grain_hash INTEGER NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX ix_orleans_reminders_hash ON orleans_reminders (service_id, grain_hash);

-- The clustering statements answer with one boolean column (true: the change was made) or with rows whose column
-- aliases are the names Orleans reads. A read of membership always yields the version row, with NULL silo columns
-- when no silo matches.
INSERT INTO orleansquery (querykey, querytext) VALUES
('InsertMembershipVersionKey', '
WITH created AS (
    INSERT INTO orleans_membership_version (cluster_id, version, changed_at)
    VALUES (@DeploymentId, 0, now())
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM created)'),

('InsertMembershipKey', '
WITH bumped AS (
    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE cluster_id = @DeploymentId AND version = @Version
      AND NOT EXISTS (
          SELECT 1 FROM orleans_membership
          WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING cluster_id),
joined AS (
    INSERT INTO orleans_membership
        (cluster_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
    SELECT cluster_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
           @StartTime, @IAmAliveTime
    FROM bumped
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM joined)'),

('UpdateMembershipKey', '
WITH bumped AS (
    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE cluster_id = @DeploymentId AND version = @Version
      AND EXISTS (
          SELECT 1 FROM orleans_membership
          WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING cluster_id),
changed AS (
    UPDATE orleans_membership AS m
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM bumped
    WHERE m.cluster_id = bumped.cluster_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM changed)'),

-- Liveness only: not a membership change, so the version stays.
('UpdateIAmAlivetimeKey', '
UPDATE orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation'),

('MembershipReadRowKey', '
SELECT v.version AS "Version",
       m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_membership_version AS v
LEFT JOIN orleans_membership AS m
    ON m.cluster_id = v.cluster_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.cluster_id = @DeploymentId'),

('MembershipReadAllKey', '
SELECT v.version AS "Version",
       m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_membership_version AS v
LEFT JOIN orleans_membership AS m ON m.cluster_id = v.cluster_id
WHERE v.cluster_id = @DeploymentId'),

-- Clients look for active silos that listen for them (proxy port 0: no gateway).
('GatewaysQueryKey', '
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM orleans_membership
WHERE cluster_id = @DeploymentId AND status = @Status AND proxy_port > 0'),

('DeleteMembershipTableEntriesKey', '
DELETE FROM orleans_membership_version WHERE cluster_id = @DeploymentId'),

-- 6 is SiloStatus.Dead: only silos declared dead and silent since @IAmAliveTime are forgotten.
('CleanupDefunctSiloEntriesKey', '
DELETE FROM orleans_membership
WHERE cluster_id = @DeploymentId AND status = 6 AND i_am_alive_time < @IAmAliveTime');

-- Grain storage answers with the new version, or with no row when @GrainStateVersion (the ETag of the grain, NULL for a
-- grain that never saw a row) does not match the stored one; Orleans turns no row into InconsistentStateException.
INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', '
SELECT payload AS "PayloadBinary", version AS "Version"
FROM orleans_storage
WHERE grain_key_hash = @GrainIdHash AND state_name_hash = @GrainTypeHash
  AND service_id = @ServiceId AND state_name = @GrainTypeString
  AND grain_key_n0 = @GrainIdN0 AND grain_key_n1 = @GrainIdN1
  AND grain_key_extension IS NOT DISTINCT FROM @GrainIdExtensionString'),

-- A first write inserts version 1; ON CONFLICT turns a concurrent first write by another activation into no row.
('WriteToStorageKey', '
WITH updated AS (
    UPDATE orleans_storage
    SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE grain_key_hash = @GrainIdHash AND state_name_hash = @GrainTypeHash
      AND service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_key_n0 = @GrainIdN0 AND grain_key_n1 = @GrainIdN1
      AND grain_key_extension IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version),
inserted AS (
    INSERT INTO orleans_storage
        (grain_key_hash, state_name_hash, service_id, state_name, grain_key_n0, grain_key_n1, grain_key_extension,
         payload, version, modified_at)
    SELECT @GrainIdHash, @GrainTypeHash, @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,
           @PayloadBinary, 1, now()
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version)
SELECT version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT version FROM inserted'),

('ClearStorageKey', '
UPDATE orleans_storage
SET payload = NULL, version = version + 1, modified_at = now()
WHERE grain_key_hash = @GrainIdHash AND state_name_hash = @GrainTypeHash
  AND service_id = @ServiceId AND state_name = @GrainTypeString
  AND grain_key_n0 = @GrainIdN0 AND grain_key_n1 = @GrainIdN1
  AND grain_key_extension IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version AS "NewGrainStateVersion"'),

-- Used instead of ClearStorageKey when DeleteStateOnClear is set; Orleans expects the deleted version plus one.
('DeleteStorageKey', '
DELETE FROM orleans_storage
WHERE grain_key_hash = @GrainIdHash AND state_name_hash = @GrainTypeHash
  AND service_id = @ServiceId AND state_name = @GrainTypeString
  AND grain_key_n0 = @GrainIdN0 AND grain_key_n1 = @GrainIdN1
  AND grain_key_extension IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version + 1 AS "NewGrainStateVersion"');

-- Reminders: the version is the ETag of a reminder; a delete names the version it read.
INSERT INTO orleansquery (querykey, querytext) VALUES
('UpsertReminderRowKey', '
INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time, period_ms = excluded.period_ms, grain_hash = excluded.grain_hash,
    version = orleans_reminders.version + 1
RETURNING version AS "Version"'),

('ReadReminderRowKey', '
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period_ms AS "Period",
       version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName'),

('ReadReminderRowsKey', '
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period_ms AS "Period",
       version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId'),

-- @BeginHash < @EndHash: the slice lies inside the signed range.
('ReadRangeRows1Key', '
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period_ms AS "Period",
       version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash'),

-- @BeginHash >= @EndHash: the slice wraps past the largest value (equal ends mean the whole ring).
('ReadRangeRows2Key', '
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period_ms AS "Period",
       version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)'),

('DeleteReminderRowKey', '
WITH gone AS (
    DELETE FROM orleans_reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM gone)'),

('DeleteReminderRowsKey', '
DELETE FROM orleans_reminders WHERE service_id = @ServiceId');

-- The home-made grain runtime's tables: its only grain, the visitor grain, rebuilds what it needs from the page view
-- log, and no grain used its reminders.
DROP TABLE grain_state;
DROP TABLE grain_reminders;
