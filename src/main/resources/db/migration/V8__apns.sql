-- APNs: its channel names are longer (APNS_VOIP_SANDBOX), and its 410 says since when a token is gone, so that an
-- endpoint registered again after that stays ACTIVE when the outcome is published again after a redelivery.
ALTER TABLE endpoint ALTER COLUMN channel_type SET DATA TYPE VARCHAR(32);
ALTER TABLE push_delivery ADD COLUMN gone_since TIMESTAMP;
