package io.pushrelay.reply;

import java.time.Clock;

import javax.sql.DataSource;

import io.pushrelay.database.DatabaseConfiguration;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** The replies stage's beans: the book of replies a request waits for, and the tracker of first outcomes. */
public class ReplyConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        DataSource dataSource = context.getRegistry().lookupByNameAndType(DatabaseConfiguration.DATA_SOURCE, DataSource.class);
        ReplyBook replies = new ReplyBook(dataSource, Clock.systemUTC());
        context.getRegistry().bind("replyBook", replies);
        context.getRegistry().bind("replyTracker", new ReplyTracker(replies));
    }
}
