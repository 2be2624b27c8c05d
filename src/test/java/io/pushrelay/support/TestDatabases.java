package io.pushrelay.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import io.pushrelay.config.Settings;
import io.pushrelay.database.DatabaseConfiguration;

/**
 * Fresh, migrated databases for tests: an H2 file, and a schema of its own in the PostgreSQL on 127.0.0.1:5432
 * (dropped on close). Tests of the registry run against both.
 */
public final class TestDatabases {

    public static final String POSTGRES = System.getProperty("test.postgres", "jdbc:postgresql://127.0.0.1:5432/test");

    /** A migrated database and how to get rid of it. */
    public record TestDatabase(String name, String url, String user, HikariDataSource dataSource, Runnable cleanup)
            implements AutoCloseable {
        @Override
        public void close() {
            dataSource.close();
            cleanup.run();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private TestDatabases() {
    }

    public static List<String> kinds() {
        return List.of("h2", "postgresql");
    }

    public static TestDatabase create(String kind) throws Exception {
        return kind.equals("h2") ? h2() : postgres();
    }

    public static TestDatabase h2() {
        String url = "jdbc:h2:file:" + java.nio.file.Path.of("databases", UUID.randomUUID().toString()).toAbsolutePath();
        return migrated("h2", url, "", () -> { });
    }

    public static TestDatabase postgres() throws Exception {
        String schema = "pr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(POSTGRES, "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        return migrated("postgresql", POSTGRES + "?currentSchema=" + schema, "postgres", () -> {
            try (Connection admin = DriverManager.getConnection(POSTGRES, "postgres", "");
                    Statement statement = admin.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static TestDatabase migrated(String name, String url, String user, Runnable cleanup) {
        Settings settings = Settings.load(Map.of("pushrelay.db.url", url, "pushrelay.db.user", user));
        HikariDataSource dataSource = DatabaseConfiguration.dataSource(settings);
        DatabaseConfiguration.migrate(dataSource);
        return new TestDatabase(name, url, user, dataSource, cleanup);
    }
}
