package io.pushrelay.intake;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Gathers a batch's {@link RequestIntake.Accepted} requests from its split into the batch's own exchange. A request
 * the error policy parked adds nothing, and its state stays its own: a handled error carried onto the batch, as the
 * split's usual strategies carry their first exchange's, would end the batch's route there, committing the requests
 * after it unprocessed. A fault that was not handled (a transient one) is the batch's: it rolls all of it back.
 */
public final class AcceptedRequests implements AggregationStrategy {

    private static final String GATHERED = "pushrelay.accepted";

    @Override
    public Exchange aggregate(Exchange gathered, Exchange request) {
        throw new UnsupportedOperationException("gathers into the batch's exchange: aggregate(old, new, input)");
    }

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange gathered, Exchange request, Exchange batch) {
        List<RequestIntake.Accepted> accepted = batch.getProperty(GATHERED, List.class);
        if (accepted == null) {
            accepted = new ArrayList<>();
            batch.setProperty(GATHERED, accepted);
        }
        if (request.getException() != null) {
            batch.setException(request.getException());
        } else if (request.getMessage().getBody() instanceof RequestIntake.Accepted a) {
            accepted.add(a);
        }
        return batch;
    }

    @Override
    public void onCompletion(Exchange exchange, Exchange batch) {
        Object accepted = batch.removeProperty(GATHERED);
        batch.getMessage().setBody(accepted == null ? List.of() : accepted);
    }
}
