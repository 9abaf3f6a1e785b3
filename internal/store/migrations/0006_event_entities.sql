-- Which entities each event's sentences mention, kept as event mentions
-- arrive (the report's mentions are stored before its events), so that an
-- entity's timeline is one index range instead of a join of every mention
-- of the entity with the events of its reports: a frequent entity at 40k
-- reports has 100k mentions.
CREATE TABLE event_entities (
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    event_id  INTEGER NOT NULL REFERENCES events(id),
    PRIMARY KEY (entity_id, event_id)
) WITHOUT ROWID;

-- The trigger looks an article's mentions up by span, and a story's
-- entity list counts them by article, both from this one index.
DROP INDEX IF EXISTS mentions_article_entity;
CREATE INDEX mentions_article_span ON mentions(article_id, start, end, entity_id);
-- Search's entity filter and facets go from an entity to its articles.
DROP INDEX IF EXISTS mentions_entity;
CREATE INDEX mentions_entity_article ON mentions(entity_id, article_id);

INSERT OR IGNORE INTO event_entities (entity_id, event_id)
SELECT me.entity_id, em.event_id FROM event_mentions em
JOIN mentions me ON me.article_id = em.article_id AND me.start >= em.start AND me.end <= em.end;

CREATE TRIGGER event_mention_entities AFTER INSERT ON event_mentions BEGIN
    INSERT OR IGNORE INTO event_entities (entity_id, event_id)
    SELECT me.entity_id, NEW.event_id FROM mentions me
    WHERE me.article_id = NEW.article_id AND me.start >= NEW.start AND me.end <= NEW.end;
END;
