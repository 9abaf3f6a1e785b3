-- Version 3: what the API and the web views query: full text over
-- articles, what is new since a moment, and indexes for paged lists.

-- Full text of article titles and bodies. The text lives in articles
-- (external content); InsertArticle writes the index row in the same
-- transaction. Diacritics are folded so "Crispin" finds "Crispín".
-- detail=none keeps only which articles hold a word, not where: it makes
-- indexing a report several times cheaper for the writer, and search
-- needs no phrase queries; snippets find their words in the page's hits.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text,
    content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    detail = none, columnsize = 0
);
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');

-- When a claim first appeared; updated_at moves with every status change.
ALTER TABLE claims ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
UPDATE claims SET created_at = updated_at;

-- Every change of a claim's status, for the digest. A trigger keeps the
-- log without a read before each write of the linker.
CREATE TABLE claim_status_changes (
    id         INTEGER PRIMARY KEY,
    claim_id   INTEGER NOT NULL REFERENCES claims(id),
    old_status TEXT    NOT NULL,
    new_status TEXT    NOT NULL,
    changed_at TEXT    NOT NULL
);
CREATE TRIGGER claims_status_log AFTER UPDATE OF status ON claims
WHEN old.status != new.status
BEGIN
    INSERT INTO claim_status_changes (claim_id, old_status, new_status, changed_at)
    VALUES (new.id, old.status, new.status, new.updated_at);
END;

-- Each paged list reads its page from an index in list order, rather than
-- sorting every row for each page. Columns the linker rewrites for every
-- report (entity mention counts) get none: the writer would pay on each.
-- Creation times need none either: they grow with the row id, which the
-- digest searches instead.
CREATE INDEX stories_latest ON stories(last_published DESC, id);
CREATE INDEX events_dated_order ON events(date = '', date);
CREATE INDEX claims_rank ON claims(independent_sources DESC, id);
CREATE INDEX articles_published ON articles(published);
