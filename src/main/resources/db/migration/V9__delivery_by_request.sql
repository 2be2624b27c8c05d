-- A request's provider outcomes by RequestId, for the operators' console (every attempt chain: the first fan-out and
-- each replay). Rows written before this migration have none.
ALTER TABLE push_delivery ADD COLUMN request_id VARCHAR(256);
CREATE INDEX push_delivery_by_request ON push_delivery (request_id);
