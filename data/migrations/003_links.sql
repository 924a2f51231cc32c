-- Version 3: story links, how events answer each other. A link joins two
-- events ("From <kind> To"), with a certainty like an event's, a note and
-- its own citations of sources. Deleting either event deletes its links;
-- deleting a source deletes its link citations, as it does its citations.
-- The UNIQUE index leads with from_id, so it serves the links from an
-- event; story_link_to serves the links to one. Link notes are searchable:
-- the store adds them to the quotes column of both ends' event rows, which
-- the full-text index (002) reads. No file has links before this version,
-- so no event's quotes change here.
CREATE TABLE story_link (
    id        INTEGER PRIMARY KEY,
    from_id   INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    to_id     INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    certainty TEXT NOT NULL,
    note      TEXT NOT NULL DEFAULT '',
    UNIQUE (from_id, to_id, kind)
);
CREATE INDEX story_link_to ON story_link (to_id);

CREATE TABLE link_citation (
    id        INTEGER PRIMARY KEY,
    link_id   INTEGER NOT NULL REFERENCES story_link (id) ON DELETE CASCADE,
    source_id INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    quote     TEXT NOT NULL DEFAULT '',
    note      TEXT NOT NULL DEFAULT '',
    position  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX link_citation_link ON link_citation (link_id, position);
CREATE INDEX link_citation_source ON link_citation (source_id);
