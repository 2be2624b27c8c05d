package io.pushrelay.campaign;

import java.sql.SQLException;

import org.apache.camel.Header;

/** A firing's reply arrived: every target has a first outcome, so its counts go into the run history. */
public final class CampaignRuns {

    private final CampaignStore store;

    public CampaignRuns(CampaignStore store) {
        this.store = store;
    }

    public void complete(@Header("JMSCorrelationID") String requestId) throws SQLException {
        if (requestId != null) {
            store.countOutcomes(requestId);
        }
    }
}
