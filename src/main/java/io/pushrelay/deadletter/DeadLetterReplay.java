package io.pushrelay.deadletter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushrelay.message.ChannelType;
import io.pushrelay.message.DeadLetter;
import io.pushrelay.broker.Envelope;
import io.pushrelay.broker.ListenerSession;
import io.pushrelay.message.Json;
import io.pushrelay.message.RejectedRequest;
import io.pushrelay.message.Target;
import io.pushrelay.message.WorkBatch;
import io.pushrelay.message.WorkMessage;
import io.pushrelay.registry.Endpoint;
import io.pushrelay.registry.EndpointRegistry;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.camel.Body;

/**
 * Operator replay of dead letters (contract §8), one page per transaction. The command is checked and becomes the
 * first {@link ReplayPage}; each page looks at the next dead letters that match the filters with a browser, and takes
 * the ones it replays off {@code push.dead-letters} in the transaction of the route that consumed the page, the one
 * that also sends their new attempts: a letter leaves only once its new attempt is safe, and a rollback puts it back.
 * Permanent failures are replayed only when asked, targets the registry now holds as INACTIVE only when forced, and
 * the registry's current address is used. A dead letter replayed once is recorded (by the page after the one that
 * took it, once that one committed): a copy of it that comes up again is dropped, never sent twice.
 *
 * <p>Every JMS call here goes through the listener session of the consuming route ({@link ListenerSession}); this
 * class opens no session of its own.
 */
public final class DeadLetterReplay {

    static final int DEFAULT_LIMIT = 10_000;
    /** Dead letters a page looks at, and so at most taken and sent in one transaction. */
    static final int PAGE_SIZE = 50;
    /** How long a take waits for a letter the browser saw; one that is not there by then is counted Gone. */
    private static final long TAKE_WAIT_MS = 1_000;

    private final ListenerSession listener;
    private final Queue deadLetters;
    private final EndpointRegistry endpoints;
    private final DataSource dataSource;
    private final Clock clock;
    private final MeterRegistry meters;

    /** {@code meters}: where {@code pushrelay_dead_letters_replayed_total{channel}} counts the letters put back on a work queue. */
    public DeadLetterReplay(ConnectionFactory connections, String deadLettersQueue, EndpointRegistry endpoints,
            DataSource dataSource, Clock clock, MeterRegistry meters) {
        this.listener = new ListenerSession(connections);
        this.deadLetters = ActiveMQJMSClient.createQueue(deadLettersQueue);
        this.endpoints = endpoints;
        this.dataSource = dataSource;
        this.clock = clock;
        this.meters = meters;
    }

    /** The replay command: checked (a bad one is a {@link RejectedRequest}), it becomes the first page. */
    public ReplayPage start(@Body Envelope command) throws RejectedRequest {
        return ReplayPage.first(parse(command.body()));
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

    /** A dead letter's new attempt: the work message for its provider's work queue. */
    public record Attempt(String deadLetterId, WorkMessage work) {
    }

    /** What a page leads to: the attempts to send, and either the next page or the command's answer. */
    public record PageOutcome(List<Attempt> attempts, ReplayPage next, ReplayResult answer) {
    }

    /** A dead letter and what the replay does with it: the work to queue, or why it is skipped. */
    record Decision(String deadLetterId, WorkBatch work, String skippedBecause) {

        /** Taken off the queue: replayed, or a copy of one replayed before, dropped. */
        boolean taken() {
            return work != null || ALREADY_REPLAYED.equals(skippedBecause);
        }
    }

    static final String ALREADY_REPLAYED = "AlreadyReplayed";

    public PageOutcome page(@Body Envelope message) throws Exception {
        ReplayPage page = Json.read(message.body(), ReplayPage.class);
        remember(page.replayedIds());
        if (page.last()) {
            return new PageOutcome(List.of(), null, page.result());
        }
        ReplayRequest command = page.command();
        int limit = command.limit() == null ? DEFAULT_LIMIT : command.limit();
        // a dry run takes nothing, so it looks at every letter in one page
        int wanted = command.dryRun() ? limit - page.matched() : Math.min(PAGE_SIZE, limit - page.matched());
        List<DeadLetter> letters = browse(command, page.left(), wanted);
        List<Decision> decisions = new ArrayList<>();
        Set<String> replayedHere = new HashSet<>();
        for (DeadLetter letter : letters) {
            // a second copy of a letter this page replays is a copy of one replayed
            Decision decision = replayedHere.contains(letter.deadLetterId())
                    ? new Decision(letter.deadLetterId(), null, ALREADY_REPLAYED) : decide(letter, command);
            if (decision.work() != null) {
                replayedHere.add(decision.deadLetterId());
            }
            decisions.add(decision);
        }
        List<Attempt> attempts = command.dryRun() ? List.of() : take(decisions);
        attempts.forEach(a -> Counter.builder("pushrelay.dead.letters.replayed").description("Dead letters replayed, by channel")
                .tag("channel", a.work().channel().name()).register(meters).increment());
        Map<String, Integer> skipped = new TreeMap<>(page.skippedBecause());
        decisions.stream().filter(d -> d.skippedBecause() != null).forEach(d -> skipped.merge(d.skippedBecause(), 1, Integer::sum));
        int replayed = command.dryRun() ? replayedHere.size() : attempts.size();
        int gone = replayedHere.size() - replayed;
        if (gone > 0) {
            skipped.merge("Gone", gone, Integer::sum);
        }
        int left = page.left() + (int) decisions.stream().filter(d -> command.dryRun() || !d.taken()).count();
        boolean last = letters.size() < wanted || page.matched() + letters.size() >= limit;
        ReplayPage next = new ReplayPage(command, left, page.matched() + letters.size(), page.replayed() + replayed,
                skipped, attempts.stream().map(Attempt::deadLetterId).toList(), last);
        // the answer waits until what this page took is recorded, by the page after it
        return last && attempts.isEmpty() ? new PageOutcome(attempts, null, next.result()) : new PageOutcome(attempts, next, null);
    }

    /** The next {@code wanted} matching dead letters after the first {@code left}, which earlier pages left there. */
    private List<DeadLetter> browse(ReplayRequest command, int left, int wanted) {
        return listener.execute("A replay page's browse", session -> {
            List<DeadLetter> letters = new ArrayList<>();
            try (var browser = session.createBrowser(deadLetters, selector(command))) {
                Enumeration<?> all = browser.getEnumeration();
                for (int seen = 0; all.hasMoreElements() && letters.size() < wanted; seen++) {
                    Message message = (Message) all.nextElement();
                    if (seen >= left) {
                        letters.add(Json.read(((TextMessage) message).getText(), DeadLetter.class));
                    }
                }
            }
            return letters;
        });
    }

    /**
     * Consumes the letters to replay and the copies to drop that are still on the queue, in the route's transaction;
     * returns the new attempt of each letter found to replay.
     */
    private List<Attempt> take(List<Decision> decisions) {
        Map<String, Decision> toReplay = new HashMap<>();
        decisions.stream().filter(d -> d.work() != null).forEach(d -> toReplay.put(d.deadLetterId(), d));
        long expected = decisions.stream().filter(Decision::taken).count();
        if (expected == 0) {
            return List.of();
        }
        String selector = "DeadLetterId IN (" + decisions.stream().filter(Decision::taken).map(Decision::deadLetterId)
                .distinct().map(DeadLetterReplay::quote).collect(Collectors.joining(",")) + ")";
        return listener.execute("A replay page's take", session -> {
            List<Attempt> attempts = new ArrayList<>();
            try (MessageConsumer consumer = session.createConsumer(deadLetters, selector)) {
                Message message;
                for (int found = 0; found < expected && (message = consumer.receive(TAKE_WAIT_MS)) != null; found++) {
                    Decision decision = toReplay.remove(message.getStringProperty("DeadLetterId"));
                    if (decision != null) {
                        attempts.add(new Attempt(decision.deadLetterId(), WorkMessage.of(decision.work())));
                    }
                }
            }
            return attempts;
        });
    }

    private Decision decide(DeadLetter letter, ReplayRequest request) throws SQLException {
        if (replayedBefore(letter.deadLetterId())) {
            return new Decision(letter.deadLetterId(), null, ALREADY_REPLAYED);
        }
        if (!letter.retryable() && !request.includePermanent()) {
            return new Decision(letter.deadLetterId(), null, "Permanent");
        }
        Target target = letter.payload().targets().get(0);
        List<Endpoint> known = target.endpointId() != null
                ? Optional.ofNullable(endpoints.get(target.endpointId())).map(List::of).orElse(List.of())
                : endpoints.byAddress(letter.channel(), letter.address());
        Endpoint current = known.stream().filter(Endpoint::active).findFirst().orElse(known.isEmpty() ? null : known.get(0));
        if (current != null && !current.active() && !request.force()) {
            return new Decision(letter.deadLetterId(), null, "Inactive");
        }
        Target again = current == null ? target : target.withAddress(current.address());
        return new Decision(letter.deadLetterId(),
                letter.payload().withTargets(List.of(again)).inChain("replay:" + letter.deadLetterId()), null);
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

    /** Records letters a committed page replayed; a page delivered again records them again, which changes nothing. */
    private void remember(List<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
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
    public static String selector(ReplayRequest request) {
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
}
