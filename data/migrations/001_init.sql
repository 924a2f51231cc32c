-- Chronoscope schema, version 1: the model.
-- Dates are stored as calendar fields plus a precision (years may be BCE or
-- cosmological), and as Unix seconds: start_s is the first second an event
-- covers, stop_s the first second after it. span_class is the bit length of
-- (stop_s - start_s); the window query probes each class with a bounded
-- range on start_s, so long spans never force a full scan.

CREATE TABLE chronology (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    zone        TEXT NOT NULL DEFAULT ''
);

CREATE TABLE actor (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    color       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE event (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    start_year      INTEGER NOT NULL,
    start_month     INTEGER NOT NULL,
    start_day       INTEGER NOT NULL,
    start_hour      INTEGER NOT NULL,
    start_minute    INTEGER NOT NULL,
    start_second    INTEGER NOT NULL,
    start_precision INTEGER NOT NULL,
    end_year        INTEGER,
    end_month       INTEGER,
    end_day         INTEGER,
    end_hour        INTEGER,
    end_minute      INTEGER,
    end_second      INTEGER,
    end_precision   INTEGER,
    zone            TEXT NOT NULL DEFAULT '',
    display_date    TEXT NOT NULL DEFAULT '',
    certainty       TEXT NOT NULL,
    importance      INTEGER NOT NULL,
    notes           TEXT NOT NULL DEFAULT '',
    story           INTEGER NOT NULL DEFAULT 0,
    external_id     TEXT NOT NULL DEFAULT '',
    actor_ids       TEXT NOT NULL DEFAULT '', -- "3,7": event_actor's ids in order, for fast reads
    citations       INTEGER NOT NULL DEFAULT 0, -- number of citations, for fast reads
    start_s         INTEGER NOT NULL,
    stop_s          INTEGER NOT NULL,
    span_class      INTEGER NOT NULL
);
CREATE INDEX event_window ON event (span_class, start_s, stop_s);
CREATE INDEX event_start ON event (start_s);
CREATE INDEX event_external ON event (external_id) WHERE external_id <> '';

CREATE TABLE event_tag (
    event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    tag      TEXT NOT NULL,
    PRIMARY KEY (event_id, tag)
) WITHOUT ROWID;
CREATE INDEX event_tag_tag ON event_tag (tag, event_id);

CREATE TABLE event_actor (
    event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES actor (id) ON DELETE CASCADE,
    role     TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, actor_id)
) WITHOUT ROWID;
CREATE INDEX event_actor_actor ON event_actor (actor_id, event_id);

CREATE TABLE source (
    id                INTEGER PRIMARY KEY,
    title             TEXT NOT NULL,
    publisher         TEXT NOT NULL DEFAULT '',
    author            TEXT NOT NULL DEFAULT '',
    url               TEXT NOT NULL DEFAULT '',
    published         TEXT NOT NULL DEFAULT '',
    accessed          TEXT NOT NULL DEFAULT '',
    archive_url       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE citation (
    id        INTEGER PRIMARY KEY,
    event_id  INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    source_id INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    quote     TEXT NOT NULL DEFAULT '',
    note      TEXT NOT NULL DEFAULT '',
    date      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX citation_event ON citation (event_id);
CREATE INDEX citation_source ON citation (source_id);

CREATE TABLE era (
    id    INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    start TEXT NOT NULL,
    end   TEXT NOT NULL,
    color TEXT NOT NULL,
    start_s INTEGER NOT NULL,
    stop_s  INTEGER NOT NULL
);
