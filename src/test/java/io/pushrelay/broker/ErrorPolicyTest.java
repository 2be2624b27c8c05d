package io.pushrelay.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.jms.JMSException;

import com.fasterxml.jackson.core.JsonParseException;
import org.junit.jupiter.api.Test;

/** Which faults are worth a broker redelivery: only those that may pass. */
class ErrorPolicyTest {

    @Test
    void connectivityIsTransientBugsAndBadDataAreNot() {
        assertThat(ErrorPolicy.isTransient(new SQLTransientConnectionException("db down", "08001"))).isTrue();
        assertThat(ErrorPolicy.isTransient(new IllegalStateException("ledger", new SQLException("lock", "40001")))).isTrue();
        assertThat(ErrorPolicy.isTransient(new JMSException("broker gone"))).isTrue();
        assertThat(ErrorPolicy.isTransient(new NullPointerException())).isFalse();
        assertThat(ErrorPolicy.isTransient(new IllegalArgumentException("Cannot read WorkBatch"))).isFalse();
        assertThat(ErrorPolicy.isTransient(new SQLDataException("value too long", "22001"))).isFalse();
        assertThat(ErrorPolicy.isTransient(new UncheckedIOException(new JsonParseException(null, "bad")))).isFalse();
    }
}
