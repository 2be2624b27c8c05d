-- Pinpoint's endpoint model: one device (an ADM registration ID, an FCM token, an Alexa unit) of one channel.
CREATE TABLE endpoint (
    endpoint_id      VARCHAR(256)   NOT NULL PRIMARY KEY,
    channel_type     VARCHAR(16)    NOT NULL,
    address          VARCHAR(1024)  NOT NULL,
    user_id          VARCHAR(256),
    opt_out          VARCHAR(8)     NOT NULL,
    endpoint_status  VARCHAR(16)    NOT NULL,
    attributes       VARCHAR(16000),
    created_at       TIMESTAMP      NOT NULL,
    updated_at       TIMESTAMP      NOT NULL
);
CREATE INDEX endpoint_by_user ON endpoint (user_id);
CREATE INDEX endpoint_by_address ON endpoint (channel_type, address);

-- Groups: ADM group messaging and FCM device groups, in one table; members may be of any channel.
CREATE TABLE push_group (
    group_name        VARCHAR(128) NOT NULL PRIMARY KEY,
    kind              VARCHAR(8)   NOT NULL,
    notification_key  VARCHAR(256),
    created_at        TIMESTAMP    NOT NULL
);
CREATE UNIQUE INDEX push_group_by_key ON push_group (notification_key);

CREATE TABLE group_member (
    group_name   VARCHAR(128) NOT NULL,
    endpoint_id  VARCHAR(256) NOT NULL,
    PRIMARY KEY (group_name, endpoint_id)
);
CREATE INDEX group_member_by_endpoint ON group_member (endpoint_id);
