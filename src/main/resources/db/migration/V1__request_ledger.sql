-- Every send request the gateway has accepted, keyed by its RequestId: the same RequestId never fans out twice.
CREATE TABLE push_request (
    request_id   VARCHAR(512) NOT NULL PRIMARY KEY,
    push_type    VARCHAR(16)  NOT NULL,
    received_at  TIMESTAMP    NOT NULL
);
