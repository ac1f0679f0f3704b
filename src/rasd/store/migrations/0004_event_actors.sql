-- rasd store, schema step 4: an index of event actors.
--
-- One row per key under which an event's source or target can be asked for: its entity id,
-- its ISO country code, and its CAMEO-style code with each of its 3-letter prefixes
-- (RUSGOVMIL -> RUS, RUSGOV, RUSGOVMIL). `rasd events --actor RUS` is then one index lookup
-- instead of a scan of every event's code, country and entity columns.
CREATE TABLE event_actors (
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    side TEXT NOT NULL,                -- source or target
    actor TEXT NOT NULL
);
CREATE INDEX event_actors_actor ON event_actors (actor, side);
CREATE INDEX event_actors_event ON event_actors (event_id);
