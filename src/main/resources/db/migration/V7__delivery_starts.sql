-- A mark per provider call, written just before the call is sent (and removed when it fails transiently, its retry
-- being the work message's): after a crash, a target of a redelivered work message with a mark for its next attempt
-- and no outcome in push_delivery was in flight, so whether it was delivered is unknown (in-flight-at-crash).
CREATE TABLE push_delivery_start (
    delivery_key  CHAR(64)  NOT NULL,
    attempt       INT       NOT NULL,
    started_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (delivery_key, attempt)
);

-- Outcomes are now kept as each answer arrives, before the registry hears of them: a redelivered work message tells
-- the registry again that an address is gone.
ALTER TABLE push_delivery ADD COLUMN address_gone BOOLEAN DEFAULT FALSE NOT NULL;
