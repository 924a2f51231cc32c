-- Version 2: full-text search over event titles, descriptions and citation
-- quotes (FTS4; FTS5 needs a build tag in go-sqlite3). The index is an
-- external-content FTS4 table over event, whose quotes column holds the
-- event's citation quotes; docid is the event id. The store keeps the index
-- in step with every write to event and citation, in the same transaction.
ALTER TABLE event ADD COLUMN quotes TEXT NOT NULL DEFAULT '';

UPDATE event SET quotes = coalesce((SELECT group_concat(c.quote, ' ') FROM citation c WHERE c.event_id = event.id), ''),
                 citations = (SELECT count(*) FROM citation c WHERE c.event_id = event.id);

CREATE VIRTUAL TABLE event_fts USING fts4 (content="event", title, description, quotes, matchinfo=fts3, tokenize=unicode61);

INSERT INTO event_fts (event_fts) VALUES ('rebuild');
