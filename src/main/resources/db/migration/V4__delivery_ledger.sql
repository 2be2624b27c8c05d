-- The final outcome of each target of each attempt chain, written in the batch that reached it: a work message
-- redelivered after its transaction rolled back publishes these outcomes again instead of calling the provider again.
CREATE TABLE push_delivery (
    delivery_key  CHAR(64)       NOT NULL PRIMARY KEY,
    result        VARCHAR(16000) NOT NULL,
    reason        VARCHAR(128),
    delivered_at  TIMESTAMP      NOT NULL
);
