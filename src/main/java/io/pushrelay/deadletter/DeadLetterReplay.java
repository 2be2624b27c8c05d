package io.pushrelay.deadletter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import io.pushrelay.message.ChannelType;
import io.pushrelay.message.DeadLetter;
import io.pushrelay.message.Json;
import io.pushrelay.message.Envelope;
import io.pushrelay.message.Outbound;
import io.pushrelay.message.Queues;
import io.pushrelay.message.RejectedRequest;
import io.pushrelay.message.Replies;
import io.pushrelay.message.Target;
import io.pushrelay.message.WorkBatch;
import io.pushrelay.registry.Endpoint;
import io.pushrelay.registry.EndpointRegistry;
import org.apache.camel.Body;

/**
 * Operator replay of dead letters (contract §8). The dead letters that match the filters are looked at with a
 * browser; each one to replay is then taken off {@code push.dead-letters} in the same transaction that queues its
 * new attempt, so it leaves only once that attempt is safe. Permanent failures are replayed only when asked, targets
 * the registry now holds as INACTIVE only when forced, and the registry's current address is used. A dead letter
 * replayed once is recorded: a copy of it that comes up again is dropped, never sent twice.
 */
public final class DeadLetterReplay {

    static final int DEFAULT_LIMIT = 10_000;
    static final int PER_TRANSACTION = 50;

    private final ConnectionFactory connections;
    private final EndpointRegistry endpoints;
    private final DataSource dataSource;
    private final Queues queues;
    private final Clock clock;

    public DeadLetterReplay(ConnectionFactory connections, EndpointRegistry endpoints, DataSource dataSource,
            Queues queues, Clock clock) {
        this.connections = connections;
        this.endpoints = endpoints;
        this.dataSource = dataSource;
        this.queues = queues;
        this.clock = clock;
    }

    public List<Outbound> handle(@Body Envelope request) throws Exception {
        return Replies.answerOrReject(queues.invalid(), request, b -> replay(parse(b)));
    }

    static ReplayRequest parse(String body) throws RejectedRequest {
        ReplayRequest request;
        try {
            request = Json.readStrict(body == null || body.isBlank() ? "{}" : body, ReplayRequest.class);
        } catch (IllegalArgumentException e) {
            throw new RejectedRequest("InvalidJson", "A replay command is a JSON object of Channel, Reason, RequestId, "
                    + "Limit, DryRun, IncludePermanent and Force: " + e.getMessage());
        }
        if (request == null) {
            throw new RejectedRequest("InvalidJson", "A replay command is a JSON object");
        }
        if (request.channel() != null && ChannelType.parse(request.channel()) == null) {
            throw new RejectedRequest("UnsupportedChannel", "Channel must be " + ChannelType.listed() + ", not " + request.channel());
        }
        if (request.limit() != null && request.limit() < 1) {
            throw new RejectedRequest("InvalidField", "Limit must be at least 1");
        }
        return request;
    }

    /** A dead letter and what the replay does with it: the work to queue, or why it is skipped. */
    record Decision(String deadLetterId, WorkBatch work, String skippedBecause) {
    }

    public ReplayResult replay(ReplayRequest request) throws Exception {
        List<Decision> decisions = decide(request);
        Map<String, Integer> skipped = new TreeMap<>();
        decisions.stream().filter(d -> d.skippedBecause() != null).forEach(d -> skipped.merge(d.skippedBecause(), 1, Integer::sum));
        List<Decision> toReplay = decisions.stream().filter(d -> d.work() != null).toList();
        int replayed = request.dryRun() ? toReplay.size() : move(toReplay, decisions.stream()
                .filter(d -> "AlreadyReplayed".equals(d.skippedBecause())).map(Decision::deadLetterId).toList());
        int notFound = toReplay.size() - (request.dryRun() ? toReplay.size() : replayed);
        if (notFound > 0) {
            skipped.merge("Gone", notFound, Integer::sum);
        }
        int skippedCount = skipped.values().stream().mapToInt(Integer::intValue).sum();
        return new ReplayResult(decisions.size(), replayed, skippedCount, skipped, request.dryRun());
    }

    private List<Decision> decide(ReplayRequest request) throws Exception {
        int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
        List<Decision> decisions = new ArrayList<>();
        try (jakarta.jms.Connection connection = connections.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (QueueBrowser browser = session.createBrowser(session.createQueue(queues.deadLetters()), selector(request))) {
                Enumeration<?> letters = browser.getEnumeration();
                while (letters.hasMoreElements() && decisions.size() < limit) {
                    Message message = (Message) letters.nextElement();
                    DeadLetter letter = Json.read(((TextMessage) message).getText(), DeadLetter.class);
                    decisions.add(decide(letter, request));
                }
            }
        }
        return decisions;
    }

    private Decision decide(DeadLetter letter, ReplayRequest request) throws SQLException {
        if (replayedBefore(letter.deadLetterId())) {
            return new Decision(letter.deadLetterId(), null, "AlreadyReplayed");
        }
        if (!letter.retryable() && !request.includePermanent()) {
            return new Decision(letter.deadLetterId(), null, "Permanent");
        }
        Target target = letter.payload().targets().get(0);
        List<Endpoint> known = target.endpointId() != null
                ? java.util.Optional.ofNullable(endpoints.get(target.endpointId())).map(List::of).orElse(List.of())
                : endpoints.byAddress(letter.channel(), letter.address());
        Endpoint current = known.stream().filter(Endpoint::active).findFirst().orElse(known.isEmpty() ? null : known.get(0));
        if (current != null && !current.active() && !request.force()) {
            return new Decision(letter.deadLetterId(), null, "Inactive");
        }
        Target again = current == null ? target : target.withAddress(current.address());
        return new Decision(letter.deadLetterId(),
                letter.payload().withTargets(List.of(again)).inChain("replay:" + letter.deadLetterId()), null);
    }

    /** Takes each dead letter off the queue in the transaction that queues its new attempt; returns how many moved. */
    private int move(List<Decision> toReplay, List<String> alreadyReplayed) throws Exception {
        int moved = 0;
        try (jakarta.jms.Connection connection = connections.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            // copies of letters replayed before are dropped
            for (List<String> chunk : chunks(alreadyReplayed)) {
                take(session, chunk);
                session.commit();
            }
            for (List<Decision> chunk : chunks(toReplay)) {
                Map<String, Decision> byId = chunk.stream().collect(Collectors.toMap(Decision::deadLetterId, d -> d));
                List<String> taken = take(session, new ArrayList<>(byId.keySet()));
                for (String id : taken) {
                    WorkBatch work = byId.get(id).work();
                    MessageProducer producer = session.createProducer(session.createQueue(queues.work(work.channel().provider())));
                    TextMessage message = session.createTextMessage(Json.write(work));
                    message.setStringProperty("RequestId", work.requestId());
                    message.setStringProperty("ChannelType", work.channel().name());
                    message.setStringProperty("ReplayOf", id);
                    producer.send(message);
                    producer.close();
                }
                session.commit();
                remember(taken);
                moved += taken.size();
            }
        }
        return moved;
    }

    /** Consumes the dead letters with these IDs that are still on the queue; returns the IDs it found. */
    private List<String> take(Session session, List<String> ids) throws Exception {
        String selector = "DeadLetterId IN (" + ids.stream().map(DeadLetterReplay::quote).collect(Collectors.joining(",")) + ")";
        List<String> found = new ArrayList<>();
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queues.deadLetters()), selector)) {
            Message message;
            while (found.size() < ids.size() && (message = consumer.receive(500)) != null) {
                found.add(message.getStringProperty("DeadLetterId"));
            }
        }
        return found;
    }

    private boolean replayedBefore(String deadLetterId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT 1 FROM replayed_dead_letter WHERE dead_letter_id = ?")) {
            select.setString(1, deadLetterId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void remember(List<String> ids) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT INTO replayed_dead_letter (dead_letter_id, replayed_at) "
                        + "SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM replayed_dead_letter WHERE dead_letter_id = ?)")) {
            for (String id : ids) {
                insert.setString(1, id);
                insert.setTimestamp(2, Timestamp.from(clock.instant()));
                insert.setString(3, id);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The JMS selector of the filters; values are quoted, so a filter cannot change the selector's meaning. */
    static String selector(ReplayRequest request) {
        List<String> terms = new ArrayList<>();
        if (request.channel() != null) {
            terms.add("ChannelType = " + quote(ChannelType.parse(request.channel()).name()));
        }
        if (request.reason() != null) {
            terms.add("Reason = " + quote(request.reason()));
        }
        if (request.requestId() != null) {
            terms.add("RequestId = " + quote(request.requestId()));
        }
        return terms.isEmpty() ? null : String.join(" AND ", terms);
    }

    static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += PER_TRANSACTION) {
            chunks.add(all.subList(from, Math.min(all.size(), from + PER_TRANSACTION)));
        }
        return chunks;
    }
}
