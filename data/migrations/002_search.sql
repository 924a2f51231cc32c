-- Version 2: full-text search over event titles, descriptions and citation
-- quotes (FTS4; FTS5 needs a build tag in go-sqlite3). docid is the event
-- id. The store keeps the index in step with every write to event and
-- citation (in the same transaction), so bulk imports can batch it.
CREATE VIRTUAL TABLE event_fts USING fts4 (title, description, quotes, tokenize=unicode61);

INSERT INTO event_fts (docid, title, description, quotes)
SELECT e.id, e.title, e.description,
       coalesce((SELECT group_concat(c.quote, ' ') FROM citation c WHERE c.event_id = e.id), '')
FROM event e;
