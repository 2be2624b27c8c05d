package io.pushrelay.campaign;

import java.sql.SQLException;

/** A firing's reply arrived: every target has a first outcome, so its counts go into the run history. */
public final class CampaignRuns {

    private final CampaignStore store;

    public CampaignRuns(CampaignStore store) {
        this.store = store;
    }

    /** The firing's RequestId (the reply's correlation id); a reply without one is not a firing's. */
    public void complete(String requestId) throws SQLException {
        if (requestId != null) {
            store.countOutcomes(requestId);
        }
    }
}
