package io.pushrelay.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import io.pushrelay.config.Settings;
import org.junit.jupiter.api.Test;

/** The Flyway migrations run on the PostgreSQL the production profile uses (127.0.0.1:5432, database test). */
class PostgresMigrationTest {

    static final String URL = io.pushrelay.support.TestDatabases.POSTGRES;

    @Test
    void migrationsRunOnPostgresql() throws Exception {
        String schema = "pr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(URL, "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
            try {
                Settings settings = Settings.load(Map.of("pushrelay.db.url", URL + "?currentSchema=" + schema,
                        "pushrelay.db.user", "postgres"));
                try (HikariDataSource dataSource = DatabaseConfiguration.dataSource(settings)) {
                    DatabaseConfiguration.migrate(dataSource);
                    DatabaseConfiguration.migrate(dataSource);
                    try (Connection c = dataSource.getConnection();
                            ResultSet tables = c.getMetaData().getTables(null, schema, "push_request", null)) {
                        assertThat(tables.next()).isTrue();
                    }
                }
            } finally {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
