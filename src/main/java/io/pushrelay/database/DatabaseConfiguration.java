package io.pushrelay.database;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pushrelay.config.Settings;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.support.service.ServiceSupport;
import org.flywaydb.core.Flyway;

/** The pooled DataSource (H2 file by default, PostgreSQL in production) with its schema brought up to date. */
public class DatabaseConfiguration implements CamelConfiguration {

    public static final String DATA_SOURCE = "dataSource";

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = context.getRegistry().findSingleByType(Settings.class);
        HikariDataSource dataSource = dataSource(settings);
        migrate(dataSource);
        context.getRegistry().bind(DATA_SOURCE, DataSource.class, dataSource);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                dataSource.close();
            }
        }, true, true);
    }

    public static HikariDataSource dataSource(Settings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("pushrelay-db");
        config.setJdbcUrl(jdbcUrl(settings));
        String user = settings.get("pushrelay.db.user");
        config.setUsername(user.isEmpty() && settings.isH2() ? "sa" : user);
        config.setPassword(settings.get("pushrelay.db.password"));
        config.setMaximumPoolSize(settings.integer("pushrelay.db.pool-size"));
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    /** H2 delays its log writes by 500 ms by default: a crash would forget idempotency keys, so write at once. */
    static String jdbcUrl(Settings settings) {
        String url = settings.get("pushrelay.db.url");
        if (settings.isH2() && url.startsWith("jdbc:h2:file:") && !url.toUpperCase().contains("WRITE_DELAY")) {
            return url + ";WRITE_DELAY=0";
        }
        return url;
    }

    /** The schema of every database, plus on PostgreSQL the tables of Quartz's clustered job store. */
    public static void migrate(DataSource dataSource) {
        boolean postgres;
        try (java.sql.Connection c = dataSource.getConnection()) {
            postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("The database cannot be reached: " + e.getMessage(), e);
        }
        String[] locations = postgres ? new String[] {"classpath:db/migration", "classpath:db/postgresql"}
                : new String[] {"classpath:db/migration"};
        Flyway.configure().dataSource(dataSource).locations(locations).load().migrate();
    }
}
