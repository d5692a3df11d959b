package org.neuromod;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The databases tests run on. PostgreSQL comes from Testcontainers where Docker is available,
 * otherwise from the server named by the system properties {@code test.postgres.url} and {@code
 * test.postgres.user} (and optional {@code test.postgres.password}). If that server cannot be
 * reached, PostgreSQL tests fail in CI ({@code CI=true}) and are skipped elsewhere, with the
 * reason. Every caller gets a schema of its own, so tests never see each other's rows.
 */
public final class TestDatabases {

    private static PostgreSQLContainer container;
    private static final List<String> schemas = new ArrayList<>();

    private TestDatabases() {}

    /** Spring properties for a fresh H2 file database in a new temporary directory. */
    public static Map<String, String> freshH2() {
        try {
            Path directory = Files.createTempDirectory("neuromod-h2-");
            directory.toFile().deleteOnExit();
            return Map.of("neuromod.data-dir", directory.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Makes sure the test PostgreSQL server is there: fails in CI, aborts (skips) the calling test
     * class elsewhere. Call it from {@code @BeforeAll}, before a Spring context is loaded.
     */
    public static synchronized void requirePostgres() {
        postgres();
    }

    /** Spring properties for a fresh, empty schema on the test PostgreSQL server. */
    public static synchronized Map<String, String> freshPostgresSchema() {
        Server server = postgres();
        String schema = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password())) {
            connection.createStatement().execute("CREATE SCHEMA " + schema);
            if (schemas.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> dropSchemas(server)));
            }
            schemas.add(schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a schema on " + server.url(), e);
        }
        String separator = server.url().contains("?") ? "&" : "?";
        return Map.of(
                "spring.datasource.url",
                server.url() + separator + "currentSchema=" + schema,
                "spring.datasource.username",
                server.user(),
                "spring.datasource.password",
                server.password(),
                "spring.flyway.schemas",
                schema,
                "spring.flyway.default-schema",
                schema);
    }

    /** Leaves the shared test server as it was found. */
    private static synchronized void dropSchemas(Server server) {
        try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password())) {
            for (String schema : schemas) {
                connection.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        } catch (SQLException e) {
            System.err.println("could not drop test schemas " + schemas + ": " + e.getMessage());
        }
    }

    private record Server(String url, String user, String password) {}

    private static Server postgres() {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            if (container == null) {
                container = new PostgreSQLContainer("postgres:17");
                container.start();
            }
            return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        var server = new Server(
                System.getProperty("test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test"),
                System.getProperty("test.postgres.user", "postgres"),
                System.getProperty("test.postgres.password", ""));
        try (Connection ignored = DriverManager.getConnection(server.url(), server.user(), server.password())) {
            return server;
        } catch (SQLException unreachable) {
            String reason = "PostgreSQL at " + server.url() + " is unreachable (" + unreachable.getMessage()
                    + ") and Docker is not available for Testcontainers";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(reason, unreachable);
            }
            Assumptions.abort(reason + "; set CI=true to make this a failure");
            throw new IllegalStateException(reason);
        }
    }
}
