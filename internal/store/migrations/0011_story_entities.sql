-- How often each entity is mentioned in each story's reports, kept by the
-- writer as it stores a report's mentions: the story page lists a story's
-- most mentioned entities, and counting them from the mentions of a story
-- of a thousand reports took longer than the rest of the page.
CREATE TABLE story_entities (
    story_id  INTEGER NOT NULL REFERENCES stories(id),
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    mentions  INTEGER NOT NULL,
    PRIMARY KEY (story_id, entity_id)
) WITHOUT ROWID;
INSERT INTO story_entities (story_id, entity_id, mentions)
SELECT a.story_id, m.entity_id, COUNT(*) FROM mentions m JOIN articles a ON a.id = m.article_id
WHERE a.story_id IS NOT NULL GROUP BY a.story_id, m.entity_id ORDER BY a.story_id, m.entity_id;
