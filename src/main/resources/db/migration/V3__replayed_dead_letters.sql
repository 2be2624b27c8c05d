-- Dead letters that were replayed: a copy of one that comes up again is dropped, never sent twice.
CREATE TABLE replayed_dead_letter (
    dead_letter_id  VARCHAR(64) NOT NULL PRIMARY KEY,
    replayed_at     TIMESTAMP   NOT NULL
);
