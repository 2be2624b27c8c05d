package io.pushrelay.reply;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pushrelay.database.DatabaseConfiguration;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** The replies stage's beans: the book of replies a request waits for, and the tracker of first outcomes. */
public class ReplyConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        DataSource dataSource = context.getRegistry().lookupByNameAndType(DatabaseConfiguration.DATA_SOURCE, DataSource.class);
        Clock clock = Clock.systemUTC();
        ReplyBook replies = new ReplyBook(dataSource, clock);
        Timer latency = Timer.builder("pushrelay.reply").description("From a request's acceptance to its reply")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(context.getRegistry().findSingleByType(MeterRegistry.class));
        context.getRegistry().bind("replyBook", replies);
        context.getRegistry().bind("replyTracker", new ReplyTracker(replies, latency, clock));
    }
}
