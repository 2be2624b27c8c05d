package io.pushrelay.auth;

import io.pushrelay.support.MovableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class TokenRefreshProcessorTest {

    final MovableClock clock = new MovableClock("2026-11-23T10:00:00Z");
    final AtomicInteger fetches = new AtomicInteger();

    TokenFetcher lifetime(Duration lifetime) {
        return () -> new AccessToken("t" + fetches.incrementAndGet(), clock.now.plus(lifetime));
    }

    @Test
    void cachesUntilShortlyBeforeExpiry() throws Exception {
        TokenRefreshProcessor tokens = new TokenRefreshProcessor("adm", lifetime(Duration.ofHours(1)), Duration.ofSeconds(60),
                Duration.ofSeconds(1), clock);
        AccessToken first = tokens.current();
        clock.now = clock.now.plusSeconds(3500);
        assertThat(tokens.current()).isSameAs(first);
        clock.now = clock.now.plusSeconds(50);
        assertThat(tokens.current().value()).isEqualTo("t2");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void oneRefreshAtATimeWhileTheOthersWaitForIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        TokenFetcher slow = () -> {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            concurrent.decrementAndGet();
            return new AccessToken("t" + fetches.incrementAndGet(), clock.now.plusSeconds(3600));
        };
        TokenRefreshProcessor tokens = new TokenRefreshProcessor("fcm", slow, Duration.ofSeconds(60), Duration.ofSeconds(1), clock);
        List<Thread> threads = new ArrayList<>();
        List<CompletableFuture<AccessToken>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            CompletableFuture<AccessToken> result = new CompletableFuture<>();
            results.add(result);
            Thread t = new Thread(() -> {
                try {
                    result.complete(tokens.current());
                } catch (Exception e) {
                    result.completeExceptionally(e);
                }
            });
            threads.add(t);
            t.start();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> concurrent.get() == 1
                && threads.stream().filter(t -> t.getState() == Thread.State.BLOCKED).count() == 15);
        release.countDown();
        for (CompletableFuture<AccessToken> r : results) {
            assertThat(r.get().value()).isEqualTo("t1");
        }
        assertThat(fetches).hasValue(1);
        assertThat(maxConcurrent).hasValue(1);
    }

    @Test
    void aRejectedTokenIsReplacedOnceEvenWhenManyCallersSawItRejected() throws Exception {
        TokenRefreshProcessor tokens = new TokenRefreshProcessor("adm", lifetime(Duration.ofHours(1)), Duration.ofSeconds(60),
                Duration.ofSeconds(1), clock);
        AccessToken rejected = tokens.current();
        AccessToken replaced = tokens.refreshAfterRejection(rejected);
        assertThat(replaced).isNotEqualTo(rejected);
        assertThat(tokens.refreshAfterRejection(rejected)).isSameAs(replaced);
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aFailingTokenEndpointIsNotAskedAgainForAMoment() {
        AtomicInteger attempts = new AtomicInteger();
        TokenFetcher down = () -> {
            attempts.incrementAndGet();
            throw new TokenUnavailableException("503 from the token endpoint");
        };
        TokenRefreshProcessor tokens = new TokenRefreshProcessor("alexa", down, Duration.ofSeconds(60), Duration.ofSeconds(1), clock);
        assertThatThrownBy(tokens::current).isInstanceOf(TokenUnavailableException.class);
        assertThatThrownBy(tokens::current).hasMessageContaining("failed recently");
        assertThat(attempts).hasValue(1);
        clock.now = clock.now.plusSeconds(2);
        assertThatThrownBy(tokens::current).isInstanceOf(TokenUnavailableException.class);
        assertThat(attempts).hasValue(2);
    }

    @Test
    void theTokenValueNeverShowsInItsTextForm() {
        assertThat(new AccessToken("Atc|secret", clock.now).toString()).doesNotContain("secret");
    }
}
