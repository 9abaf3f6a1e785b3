-- An article's small columns before its text, raw copy and analysis.
-- SQLite keeps what does not fit a row's page in a chain of overflow
-- pages, and reading a column stored after the text walks that chain:
-- the language, date and story of a report cost three times their outlet,
-- which came before the text. Lists, evidence and search facets read only
-- the small columns.
CREATE TABLE articles_reordered (
    id                  INTEGER PRIMARY KEY,
    content_hash        TEXT    NOT NULL UNIQUE,
    simhash             INTEGER NOT NULL,
    source              TEXT    NOT NULL,
    external_id         TEXT    NOT NULL DEFAULT '',
    url                 TEXT    NOT NULL DEFAULT '',
    outlet              TEXT    NOT NULL DEFAULT '',
    origin              TEXT    NOT NULL,          -- independent-source key
    published           TEXT    NOT NULL DEFAULT '', -- ISO 8601 at its precision
    published_precision TEXT    NOT NULL DEFAULT '',
    lang                TEXT    NOT NULL,
    duplicate_of        INTEGER REFERENCES articles(id),
    story_id            INTEGER REFERENCES stories(id),
    ingested_at         TEXT    NOT NULL,
    title               TEXT    NOT NULL DEFAULT '',
    text                TEXT    NOT NULL,
    raw                 TEXT    NOT NULL,
    analysis            TEXT    NOT NULL           -- model.Analysis as JSON
);
INSERT INTO articles_reordered (id, content_hash, simhash, source, external_id, url, outlet, origin, published,
    published_precision, lang, duplicate_of, story_id, ingested_at, title, text, raw, analysis)
SELECT id, content_hash, simhash, source, external_id, url, outlet, origin, published,
    published_precision, lang, duplicate_of, story_id, ingested_at, title, text, raw, analysis
FROM articles ORDER BY id;
DROP TABLE articles;
ALTER TABLE articles_reordered RENAME TO articles;
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_published ON articles(published);
