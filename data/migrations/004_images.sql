-- Version 4: pictures in events. An event has images in order (position
-- 0, 1, 2… among its own). An embedded image keeps its bytes in
-- image_data, a table of their own, so that reading an event's images
-- (metadata and a thumbnail of at most 320 px, PNG or JPEG) never reads
-- the full bytes; a remote image has only its address (url), format ''
-- and no image_data row until the user fetches it. Deleting an event
-- deletes its images and their bytes; deleting a source leaves its
-- images, without the source.
CREATE TABLE event_image (
    id        INTEGER PRIMARY KEY,
    event_id  INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    caption   TEXT NOT NULL DEFAULT '',
    credit    TEXT NOT NULL DEFAULT '',
    alt       TEXT NOT NULL DEFAULT '',
    source_id INTEGER REFERENCES source (id) ON DELETE SET NULL,
    url       TEXT NOT NULL DEFAULT '',
    format    TEXT NOT NULL DEFAULT '',
    width     INTEGER NOT NULL DEFAULT 0,
    height    INTEGER NOT NULL DEFAULT 0,
    size      INTEGER NOT NULL DEFAULT 0,
    thumbnail BLOB
);
CREATE INDEX event_image_event ON event_image (event_id, position);
CREATE INDEX event_image_source ON event_image (source_id) WHERE source_id IS NOT NULL;

CREATE TABLE image_data (
    image_id INTEGER PRIMARY KEY REFERENCES event_image (id) ON DELETE CASCADE,
    data     BLOB NOT NULL
);
