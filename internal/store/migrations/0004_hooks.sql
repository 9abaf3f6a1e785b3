-- Version 4: webhooks. Claim status changes come from claim_status_changes
-- (version 3).

-- One webhook: where to POST, which events it wants, how far it has been
-- served (cursors into stories and claim_status_changes, advanced only
-- after a delivery succeeds) and the outcome of its last attempt.
CREATE TABLE hooks (
    id                   INTEGER PRIMARY KEY,
    url                  TEXT    NOT NULL UNIQUE,
    secret               TEXT    NOT NULL DEFAULT '',
    events               TEXT    NOT NULL,            -- comma-separated event names
    story_cursor         INTEGER NOT NULL DEFAULT 0,  -- last story id delivered
    claim_cursor         INTEGER NOT NULL DEFAULT 0,  -- last claim_status_changes id delivered
    last_attempt         TEXT    NOT NULL DEFAULT '', -- RFC 3339 UTC
    last_delivery        TEXT    NOT NULL DEFAULT '', -- last success, RFC 3339 UTC
    last_status          INTEGER NOT NULL DEFAULT 0,  -- HTTP status; 0 when no answer came
    last_error           TEXT    NOT NULL DEFAULT '',
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    next_attempt         TEXT    NOT NULL DEFAULT '', -- '' means due now
    added_at             TEXT    NOT NULL
);
