-- Scheduled campaigns (contract §7), as their JSON definition, and the run history of each firing.
CREATE TABLE campaign (
    campaign_id  VARCHAR(128)   NOT NULL PRIMARY KEY,
    definition   VARCHAR(16000) NOT NULL,
    enabled      BOOLEAN        NOT NULL,
    updated_at   TIMESTAMP      NOT NULL
);

CREATE TABLE campaign_run (
    request_id           VARCHAR(256)  NOT NULL PRIMARY KEY,
    campaign_id          VARCHAR(128)  NOT NULL,
    scheduled_fire_time  TIMESTAMP     NOT NULL,
    fired_at             TIMESTAMP     NOT NULL,
    counts               VARCHAR(2000)
);
CREATE INDEX campaign_run_by_campaign ON campaign_run (campaign_id, scheduled_fire_time);
