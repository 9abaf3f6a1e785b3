-- Lists of entities go most mentioned first. Only entities mentioned
-- often are indexed in that order: the first pages come from them, and
-- the writer, which recounts a report's entities, rarely touches the
-- index, since most entities stay rare.
CREATE INDEX entities_busy ON entities(mentions DESC, id) WHERE mentions >= 20;

-- An entity's events in timeline order (undated last), so that a page of
-- a much-mentioned entity's timeline is one index range, not a sort of
-- all its events.
DROP TRIGGER event_mention_entities;
CREATE TABLE event_entities_dated (
    entity_id  INTEGER NOT NULL REFERENCES entities(id),
    undated    INTEGER NOT NULL,
    event_date TEXT    NOT NULL,
    event_id   INTEGER NOT NULL REFERENCES events(id),
    PRIMARY KEY (entity_id, undated, event_date, event_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO event_entities_dated (entity_id, undated, event_date, event_id)
SELECT ee.entity_id, e.date = '', e.date, ee.event_id FROM event_entities ee JOIN events e ON e.id = ee.event_id;
DROP TABLE event_entities;
ALTER TABLE event_entities_dated RENAME TO event_entities;
CREATE TRIGGER event_mention_entities AFTER INSERT ON event_mentions BEGIN
    INSERT OR IGNORE INTO event_entities (entity_id, undated, event_date, event_id)
    SELECT me.entity_id, e.date = '', e.date, NEW.event_id FROM events e, mentions me
    WHERE e.id = NEW.event_id AND me.article_id = NEW.article_id AND me.start >= NEW.start AND me.end <= NEW.end;
END;
