package io.pushrelay.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.pushrelay.message.ChannelType;
import io.pushrelay.message.DeliveryStatus;
import io.pushrelay.message.EndpointResult;
import io.pushrelay.message.Target;
import io.pushrelay.message.WorkBatch;
import io.pushrelay.support.CountingDataSource;
import io.pushrelay.support.Messages;
import io.pushrelay.support.TestDatabases;
import io.pushrelay.support.TestDatabases.TestDatabase;
import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

    @Test
    void outcomesArrivingTogetherShareOneTransactionAndAllAreFoundAfterwards() throws Exception {
        try (TestDatabase db = TestDatabases.h2()) {
            AtomicInteger statements = new AtomicInteger();
            CountDownLatch firstWriteMayStart = new CountDownLatch(1);
            AtomicInteger connections = new AtomicInteger();
            DeliveryLedger ledger = new DeliveryLedger(holdingFirstConnection(CountingDataSource.wrap(db.dataSource(), statements),
                    connections, firstWriteMayStart));
            ledger.start();
            try {
                List<WorkBatch> batches = new ArrayList<>();
                List<CompletableFuture<Void>> done = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    WorkBatch batch = batch("r" + i, 3);
                    batches.add(batch);
                    done.add(ledger.answered(batch, successes(batch), List.of()));
                    if (i == 0) {
                        await().atMost(Duration.ofSeconds(5)).until(() -> connections.get() == 1);
                    }
                }
                // the writer waits for its connection with the first batch while the nine others queue up behind it
                await().atMost(Duration.ofSeconds(5)).until(() -> ledger.queuedEntries() == 9);
                firstWriteMayStart.countDown();
                for (CompletableFuture<Void> f : done) {
                    f.get(5, TimeUnit.SECONDS);
                }
                assertThat(statements.get()).as("one insert for the first batch, one for the nine that waited").isEqualTo(2);
                for (WorkBatch batch : batches) {
                    assertThat(ledger.find(batch).outcomes()).hasSize(3);
                }
            } finally {
                ledger.stop();
            }
        }
    }

    @Test
    void aCallStartedWithoutAnAnswerIsInFlightUntilItsAnswerIsKept() throws Exception {
        try (TestDatabase db = TestDatabases.h2()) {
            DeliveryLedger ledger = new DeliveryLedger(db.dataSource());
            ledger.start();
            try {
                WorkBatch batch = batch("r", 3);
                ledger.started(batch, batch.targets(), Instant.now()).get(5, TimeUnit.SECONDS);
                assertThat(ledger.find(batch).inFlight()).hasSize(3);
                Target retried = batch.targets().get(2);
                ledger.answered(batch, successes(batch).subList(0, 1), List.of(retried)).get(5, TimeUnit.SECONDS);
                DeliveryLedger.Known known = ledger.find(batch);
                assertThat(known.outcomes()).containsOnlyKeys(batch.targets().get(0));
                assertThat(known.inFlight()).as("the answered transient failure is no longer in flight")
                        .containsOnlyKeys(batch.targets().get(1));
                assertThat(ledger.find(batch.withTargets(List.of(batch.targets().get(1).attempted(Instant.now())))).inFlight())
                        .as("the mark is for the attempt it started, not the next").isEmpty();
            } finally {
                ledger.stop();
            }
        }
    }

    @Test
    void aMarkNobodyWaitsOnIsKeptOnlyForACallStillOutAMomentLater() throws Exception {
        AtomicInteger statements = new AtomicInteger();
        try (TestDatabase db = TestDatabases.h2()) {
            DeliveryLedger ledger = new DeliveryLedger(CountingDataSource.wrap(db.dataSource(), statements));
            ledger.start();
            try {
                WorkBatch answeredSoon = batch("soon", 2);
                ledger.startedUnlessAnsweredSoon(answeredSoon, answeredSoon.targets(), Instant.now());
                ledger.answered(answeredSoon, successes(answeredSoon), List.of()).get(5, TimeUnit.SECONDS);
                WorkBatch stillOut = batch("out", 2);
                ledger.startedUnlessAnsweredSoon(stillOut, stillOut.targets(), Instant.now());
                assertThat(ledger.find(stillOut).inFlight()).as("held back for a moment").isEmpty();
                await().atMost(Duration.ofSeconds(5)).until(() -> ledger.find(stillOut).inFlight().size() == 2);
                assertThat(ledger.find(answeredSoon).outcomes()).hasSize(2);
                try (var c = db.dataSource().getConnection(); var st = c.createStatement();
                        var rs = st.executeQuery("SELECT COUNT(*) FROM push_delivery_start")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("marks written: only the calls still out").isEqualTo(2);
                }
                int before = statements.get();
                ledger.stop();
                assertThat(statements.get()).as("nothing left to write at the stop").isEqualTo(before);
            } finally {
                ledger.stop();
            }
        }
    }

    @Test
    void aFailedWriteFailsEveryEntryOfItsGroup() throws Exception {
        TestDatabase db = TestDatabases.h2();
        db.close();
        DeliveryLedger ledger = new DeliveryLedger(db.dataSource());
        ledger.start();
        try {
            WorkBatch batch = batch("r", 2);
            assertThatThrownBy(() -> ledger.answered(batch, successes(batch), List.of()).get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("delivery ledger cannot be written");
        } finally {
            ledger.stop();
        }
    }

    @Test
    void aStoppedLedgerRefusesEntriesAsATransientFault() throws Exception {
        try (TestDatabase db = TestDatabases.h2()) {
            DeliveryLedger ledger = new DeliveryLedger(db.dataSource());
            ledger.start();
            ledger.stop();
            WorkBatch batch = batch("r", 1);
            CompletableFuture<Void> refused = ledger.answered(batch, successes(batch), List.of());
            assertThat(refused).isCompletedExceptionally();
            Throwable fault = refused.handle((v, e) -> e).get();
            assertThat(fault).hasMessageContaining("delivery ledger is not running");
            assertThat(io.pushrelay.broker.ErrorPolicy.isTransient(fault))
                    .as("a work message that meets a stopped ledger waits for a redelivery instead of being parked").isTrue();
        }
    }

    private static WorkBatch batch(String requestId, int targets) {
        List<Target> list = new ArrayList<>();
        for (int i = 0; i < targets; i++) {
            list.add(Target.of(ChannelType.ADM, "amzn1.adm-registration.v3." + requestId + "-" + i));
        }
        return new WorkBatch(requestId, ChannelType.ADM, Messages.builder().title("t").body("b").build(), list, false);
    }

    private static List<Map.Entry<Target, DeliveryLedger.Recorded>> successes(WorkBatch batch) {
        return batch.targets().stream().map(t -> Map.entry(t, new DeliveryLedger.Recorded(
                EndpointResult.of(batch.requestId(), t, DeliveryStatus.SUCCESSFUL, 200, "OK", "id", null, Instant.now()), null, false, null)))
                .toList();
    }

    /** The first connection is handed out only once the latch opens. */
    private static DataSource holdingFirstConnection(DataSource target, AtomicInteger calls, CountDownLatch latch) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && calls.getAndIncrement() == 0) {
                        latch.await();
                    }
                    return method.invoke(target, args);
                });
    }
}
