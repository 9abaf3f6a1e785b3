-- Mentions keyed by their place in the article: the table is then the
-- article-and-span index itself, and the writer inserts each mention into
-- two B-trees instead of three (the rowid table, the span index and the
-- entity index). Nothing refers to a mention's rowid.
DROP TRIGGER event_mention_entities;
CREATE TABLE mentions_by_span (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    entity_id  INTEGER NOT NULL REFERENCES entities(id),
    text       TEXT    NOT NULL,
    type       TEXT    NOT NULL,
    role       TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (article_id, start, end, entity_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO mentions_by_span (article_id, start, end, entity_id, text, type, role)
SELECT article_id, start, end, entity_id, text, type, role FROM mentions ORDER BY article_id, start, end, entity_id;
DROP TABLE mentions;
ALTER TABLE mentions_by_span RENAME TO mentions;
-- Search's entity filter and facets go from an entity to its articles.
CREATE INDEX mentions_entity_article ON mentions(entity_id, article_id);

CREATE TRIGGER event_mention_entities AFTER INSERT ON event_mentions BEGIN
    INSERT OR IGNORE INTO event_entities (entity_id, event_id)
    SELECT me.entity_id, NEW.event_id FROM mentions me
    WHERE me.article_id = NEW.article_id AND me.start >= NEW.start AND me.end <= NEW.end;
END;
