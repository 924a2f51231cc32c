-- Version 6: what a copy of a shared chronology (data/pgsync) keeps beside
-- the model. Every file has these tables; only a shared copy fills them.
-- sync_key gives each entity its shared key, the server's sequence number
-- it was last seen at, and its base: the entity as the server has it once
-- the changes in sync_outbox arrive, so that the difference between the
-- row and its base is an edit not yet sent. sync_dirty names the entities
-- written since they were last compared with their base (the triggers
-- Store.EnableJournal creates fill it); sync_outbox holds the changes
-- waiting for the server, in order; sync_state holds the copy's settings.
CREATE TABLE sync_key (
    kind       TEXT NOT NULL,
    id         INTEGER NOT NULL,
    key        TEXT NOT NULL,
    seq        INTEGER NOT NULL DEFAULT 0,
    base       TEXT NOT NULL DEFAULT '',
    added_by   TEXT NOT NULL DEFAULT '',
    changed_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (kind, id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX sync_key_key ON sync_key (kind, key);

CREATE TABLE sync_dirty (
    kind TEXT NOT NULL,
    id   INTEGER NOT NULL,
    PRIMARY KEY (kind, id)
) WITHOUT ROWID;

CREATE TABLE sync_outbox (
    n    INTEGER PRIMARY KEY,
    id   TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL
);

CREATE TABLE sync_state (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
