-- Version 5: each event keeps the number of story links at either end, as
-- it keeps its number of citations, so the window query reads it from the
-- row instead of probing story_link twice per row. The store keeps it in
-- step with every write to story_link and event, in the same transaction.
ALTER TABLE event ADD COLUMN links INTEGER NOT NULL DEFAULT 0;

UPDATE event SET links = (SELECT count(*) FROM story_link WHERE from_id = event.id) + (SELECT count(*) FROM story_link WHERE to_id = event.id)
WHERE id IN (SELECT from_id FROM story_link UNION SELECT to_id FROM story_link);
