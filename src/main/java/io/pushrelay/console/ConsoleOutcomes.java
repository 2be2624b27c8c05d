package io.pushrelay.console;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.jms.JMSException;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.broker.MessageBrowsing;
import io.pushrelay.deadletter.DeadLetterReplay;
import io.pushrelay.deadletter.ReplayRequest;
import io.pushrelay.message.Json;
import io.pushrelay.message.RejectedRequest;
import org.apache.camel.Header;

/**
 * A request's outcomes by RequestId: every provider call's final outcome the delivery ledger keeps (the first
 * fan-out and each replay; durable, whatever became of push.results), the results still on {@code push.results}
 * (also those decided before any provider call: OPT_OUT, DUPLICATE, a user without endpoints), and its dead letters
 * still on {@code push.dead-letters}.
 */
public final class ConsoleOutcomes {

    static final int LIMIT = 1000;

    private final DataSource dataSource;
    private final MessageBrowsing queues;
    private final String results;
    private final String deadLetters;

    public ConsoleOutcomes(DataSource dataSource, MessageBrowsing queues, String results, String deadLetters) {
        this.dataSource = dataSource;
        this.queues = queues;
        this.results = results;
        this.deadLetters = deadLetters;
    }

    public Map<String, Object> of(@Header("requestId") String requestId) throws SQLException, RejectedRequest, JMSException {
        if (!ConsoleDeadLetters.present(requestId)) {
            throw new RejectedRequest("InvalidField", "Name a RequestId");
        }
        // the same result can be both on record and still on the queue: kept once
        Set<String> seen = new LinkedHashSet<>();
        List<JsonNode> outcomes = new ArrayList<>();
        for (JsonNode result : recorded(requestId)) {
            if (seen.add(result.toString())) {
                outcomes.add(result);
            }
        }
        String selector = DeadLetterReplay.selector(new ReplayRequest(null, null, requestId, null, false, false, false));
        for (JsonNode result : ConsoleDeadLetters.bodies(queues.browse(results, selector, LIMIT))) {
            if (seen.add(result.toString())) {
                outcomes.add(result);
            }
        }
        outcomes.sort(Comparator.comparing((JsonNode r) -> r.path("Timestamp").asText("")));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("RequestId", requestId);
        answer.put("Outcomes", outcomes);
        answer.put("DeadLetters", ConsoleDeadLetters.bodies(queues.browse(deadLetters, selector, LIMIT)));
        return answer;
    }

    private List<JsonNode> recorded(String requestId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT result FROM push_delivery WHERE request_id = ? "
                        + "ORDER BY delivered_at")) {
            select.setString(1, requestId);
            select.setMaxRows(LIMIT);
            List<JsonNode> found = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(Json.tree(rs.getString(1)));
                }
            }
            return found;
        }
    }
}
