package io.pushrelay.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The database a benchmarked gateway runs on: a fresh H2 file in its data directory, or a fresh schema of its own in
 * a PostgreSQL database (dropped when the run ends).
 */
public final class BenchDatabase {

    private final String postgresUrl;
    private final String user;
    private String schema;

    private BenchDatabase(String postgresUrl, String user) {
        this.postgresUrl = postgresUrl;
        this.user = user;
    }

    /** {@code url} empty for H2, else a {@code jdbc:postgresql:} URL. */
    public static BenchDatabase of(String url, String user) {
        if (!url.isEmpty() && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the benchmark runs on H2 (no --db) or on a jdbc:postgresql: URL, not " + url);
        }
        return new BenchDatabase(url.isEmpty() ? null : url, user);
    }

    /** The gateway settings for a new, empty database. */
    Map<String, String> open(Path dataDir) throws SQLException {
        if (postgresUrl == null) {
            return Map.of("pushrelay.db.url", "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("pushrelay"));
        }
        schema = "bench_" + System.nanoTime();
        execute("CREATE SCHEMA " + schema);
        return Map.of("pushrelay.db.url", postgresUrl + (postgresUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "pushrelay.db.user", user);
    }

    void close() throws SQLException {
        if (schema != null) {
            execute("DROP SCHEMA " + schema + " CASCADE");
            schema = null;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(postgresUrl, user, ""); Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }
}
