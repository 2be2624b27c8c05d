package io.pushrelay.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;

import io.pushrelay.intake.RequestLedger.Claim;
import io.pushrelay.intake.RequestLedger.Claimant;
import io.pushrelay.request.PushType;
import io.pushrelay.support.TestDatabases;
import io.pushrelay.support.TestDatabases.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A batch's RequestIds claimed together, on H2 and PostgreSQL: the first message of an id wins, its redelivery too. */
class RequestLedgerTest {

    static List<String> databases() {
        return TestDatabases.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aBatchClaimsNewIdsOnceAndTellsRedeliveriesFromDuplicates(String kind) throws Exception {
        try (TestDatabase db = TestDatabases.create(kind)) {
            RequestLedger ledger = new RequestLedger(db.dataSource(), Clock.systemUTC());
            assertThat(ledger.claim(List.of(new Claimant("a", PushType.ADDRESSES, "m1")))).containsExactly(Claim.FIRST);

            List<Claim> claims = ledger.claim(List.of(
                    new Claimant("a", PushType.ADDRESSES, "m1"),    // the same message again: its batch rolled back
                    new Claimant("a", PushType.ADDRESSES, "m2"),    // another message with a claimed id
                    new Claimant("b", PushType.ADDRESSES, "m3"),
                    new Claimant("b", PushType.ADDRESSES, "m4"),    // the same new id twice in one batch: the first wins
                    new Claimant("c", PushType.ADDRESSES, "m5")));
            assertThat(claims).containsExactly(Claim.REDELIVERY, Claim.DUPLICATE, Claim.FIRST, Claim.DUPLICATE, Claim.FIRST);

            assertThat(ledger.claim(List.of(new Claimant("b", PushType.ADDRESSES, "m3"),
                    new Claimant("c", PushType.ADDRESSES, "m6")))).containsExactly(Claim.REDELIVERY, Claim.DUPLICATE);
        }
    }
}
