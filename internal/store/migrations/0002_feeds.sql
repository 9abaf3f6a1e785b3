-- Version 2: feed subscriptions and the identity of their items.

-- One subscribed feed and what its last poll left: validators for the next
-- conditional request, the outcome, and when to poll again.
CREATE TABLE feeds (
    id                 INTEGER PRIMARY KEY,
    url                TEXT    NOT NULL,
    canonical_url      TEXT    NOT NULL UNIQUE,  -- fetch.Canonical(url)
    title              TEXT    NOT NULL DEFAULT '',
    site_url           TEXT    NOT NULL DEFAULT '',
    category           TEXT    NOT NULL DEFAULT '',
    etag               TEXT    NOT NULL DEFAULT '',
    last_modified      TEXT    NOT NULL DEFAULT '',
    last_fetch         TEXT    NOT NULL DEFAULT '',  -- RFC 3339 UTC, '' before the first poll
    last_status        INTEGER NOT NULL DEFAULT 0,   -- HTTP status; 0 when no answer came
    last_error         TEXT    NOT NULL DEFAULT '',
    consecutive_errors INTEGER NOT NULL DEFAULT 0,
    next_poll          TEXT    NOT NULL DEFAULT '',  -- RFC 3339 UTC; '' means due now
    added_at           TEXT    NOT NULL
);

-- Every identity a feed item was seen under (its canonical URL, its GUID),
-- so that an item moved to a new URL or given a new GUID is recognised
-- without fetching or analysing it again. Items outlive their feed's
-- subscription, so feed_id is informative only.
CREATE TABLE feed_items (
    key        TEXT    PRIMARY KEY,  -- 'url ' || canonical URL, or 'guid ' || GUID
    article_id INTEGER NOT NULL REFERENCES articles(id),
    feed_id    INTEGER NOT NULL,
    seen_at    TEXT    NOT NULL
) WITHOUT ROWID;
