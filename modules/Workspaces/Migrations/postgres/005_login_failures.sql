-- Failed sign-ins per normalised email, whether or not an account has it, so that every host of a cluster backs off alike.
CREATE TABLE ws_login_failures (
    email TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failure_at BIGINT NOT NULL,
    locked_until BIGINT NOT NULL
);

CREATE INDEX ix_ws_login_failures_last ON ws_login_failures (last_failure_at);
