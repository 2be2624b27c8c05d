-- Every send request the gateway has accepted, keyed by its RequestId: the same RequestId never fans out twice.
-- jms_message_id tells a broker redelivery of the same message (whose fan-out was rolled back) from a resend.
CREATE TABLE push_request (
    request_id      VARCHAR(256) NOT NULL PRIMARY KEY,
    push_type       VARCHAR(16)  NOT NULL,
    jms_message_id  VARCHAR(256) NOT NULL,
    received_at     TIMESTAMP    NOT NULL
);

-- Requests that asked for a reply: where it goes, and how many targets must have a first outcome before it does.
CREATE TABLE push_reply (
    request_id      VARCHAR(256)  NOT NULL PRIMARY KEY,
    push_type       VARCHAR(16)   NOT NULL,
    reply_to        VARCHAR(512)  NOT NULL,
    correlation_id  VARCHAR(512)  NOT NULL,
    expected        INTEGER       NOT NULL,
    created_at      TIMESTAMP     NOT NULL,
    replied_at      TIMESTAMP,
    replied_by      VARCHAR(256)
);

-- The first outcome of each target of a request that waits for a reply (target_key is a hash of the target).
CREATE TABLE push_outcome (
    request_id      VARCHAR(256)   NOT NULL,
    target_key      CHAR(64)       NOT NULL,
    result          VARCHAR(16000) NOT NULL,
    PRIMARY KEY (request_id, target_key)
);
