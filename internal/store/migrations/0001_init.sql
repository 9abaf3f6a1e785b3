-- Version 1: articles, their analysis, and the linked records built from them.

CREATE TABLE stories (
    id              INTEGER PRIMARY KEY,
    title           TEXT    NOT NULL DEFAULT '',
    norm            REAL    NOT NULL DEFAULT 0,   -- Euclidean norm of the term centroid
    articles        INTEGER NOT NULL DEFAULT 0,
    first_published TEXT    NOT NULL DEFAULT '',
    last_published  TEXT    NOT NULL DEFAULT '',
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);

-- Inverted index of story centroids: summed term weights of member articles.
CREATE TABLE story_terms (
    term     TEXT    NOT NULL,
    story_id INTEGER NOT NULL REFERENCES stories(id),
    weight   REAL    NOT NULL,
    PRIMARY KEY (term, story_id)
) WITHOUT ROWID;

CREATE TABLE articles (
    id                  INTEGER PRIMARY KEY,
    content_hash        TEXT    NOT NULL UNIQUE,
    simhash             INTEGER NOT NULL,
    source              TEXT    NOT NULL,
    external_id         TEXT    NOT NULL DEFAULT '',
    url                 TEXT    NOT NULL DEFAULT '',
    outlet              TEXT    NOT NULL DEFAULT '',
    origin              TEXT    NOT NULL,          -- independent-source key
    title               TEXT    NOT NULL DEFAULT '',
    text                TEXT    NOT NULL,
    raw                 TEXT    NOT NULL,
    published           TEXT    NOT NULL DEFAULT '', -- ISO 8601 at its precision
    published_precision TEXT    NOT NULL DEFAULT '',
    lang                TEXT    NOT NULL,
    duplicate_of        INTEGER REFERENCES articles(id),
    story_id            INTEGER REFERENCES stories(id),
    analysis            TEXT    NOT NULL,          -- model.Analysis as JSON
    ingested_at         TEXT    NOT NULL
);
CREATE INDEX articles_story ON articles(story_id);

-- SimHash bands for near-duplicate lookup: two texts within Hamming
-- distance 3 share at least one of the four 16-bit bands.
CREATE TABLE article_bands (
    band       INTEGER NOT NULL, -- band index << 16 | band bits
    article_id INTEGER NOT NULL REFERENCES articles(id),
    PRIMARY KEY (band, article_id)
) WITHOUT ROWID;

-- Every path or URL a report arrived from, so the same report from two
-- places is one article.
CREATE TABLE article_sources (
    source     TEXT    PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id)
) WITHOUT ROWID;

CREATE TABLE entities (
    id       INTEGER PRIMARY KEY,
    name     TEXT    NOT NULL,
    type     TEXT    NOT NULL,
    key      TEXT    NOT NULL,
    mentions INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_key ON entities(key);

CREATE TABLE entity_aliases (
    alias     TEXT    NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    PRIMARY KEY (alias, entity_id)
) WITHOUT ROWID;
CREATE INDEX entity_aliases_entity ON entity_aliases(entity_id);

CREATE TABLE mentions (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    text       TEXT    NOT NULL,
    type       TEXT    NOT NULL,
    role       TEXT    NOT NULL DEFAULT '',
    entity_id  INTEGER NOT NULL REFERENCES entities(id)
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE events (
    id                  INTEGER PRIMARY KEY,
    story_id            INTEGER REFERENCES stories(id),
    date                TEXT    NOT NULL DEFAULT '',
    precision           TEXT    NOT NULL DEFAULT '',
    type                TEXT    NOT NULL,
    summary             TEXT    NOT NULL,
    actors              TEXT    NOT NULL DEFAULT '[]', -- JSON array of names
    targets             TEXT    NOT NULL DEFAULT '[]',
    place               TEXT    NOT NULL DEFAULT '',
    independent_sources INTEGER NOT NULL DEFAULT 0,
    first_seen          TEXT    NOT NULL
);
CREATE INDEX events_story_date ON events(story_id, date, type);

CREATE TABLE event_mentions (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES events(id),
    article_id INTEGER NOT NULL REFERENCES articles(id),
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    text       TEXT    NOT NULL,
    trigger    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX event_mentions_event ON event_mentions(event_id);
CREATE INDEX event_mentions_article ON event_mentions(article_id);

CREATE TABLE quotes (
    id                INTEGER PRIMARY KEY,
    article_id        INTEGER NOT NULL REFERENCES articles(id),
    start             INTEGER NOT NULL,
    end               INTEGER NOT NULL,
    text              TEXT    NOT NULL,
    speaker           TEXT    NOT NULL DEFAULT '',
    speaker_entity_id INTEGER REFERENCES entities(id),
    speaker_start     INTEGER NOT NULL DEFAULT -1,
    speaker_end       INTEGER NOT NULL DEFAULT -1,
    date              TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker_entity_id);

CREATE TABLE claims (
    id                  INTEGER PRIMARY KEY,
    story_id            INTEGER REFERENCES stories(id),
    text                TEXT    NOT NULL,
    claimant            TEXT    NOT NULL DEFAULT '',
    lang                TEXT    NOT NULL DEFAULT '',
    first_reported      TEXT    NOT NULL DEFAULT '',
    status              TEXT    NOT NULL DEFAULT 'unconfirmed',
    independent_sources INTEGER NOT NULL DEFAULT 0,
    updated_at          TEXT    NOT NULL
);
CREATE INDEX claims_story ON claims(story_id);

-- A claim's evidence: claim mentions from reports, and event mentions that
-- corroborate it (stance 'supports').
CREATE TABLE claim_evidence (
    id         INTEGER PRIMARY KEY,
    claim_id   INTEGER NOT NULL REFERENCES claims(id),
    article_id INTEGER NOT NULL REFERENCES articles(id),
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    text       TEXT    NOT NULL,
    claimant   TEXT    NOT NULL DEFAULT '',
    stance     TEXT    NOT NULL,
    hedged     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX claim_evidence_claim ON claim_evidence(claim_id);
CREATE INDEX claim_evidence_article ON claim_evidence(article_id);
