package org.neuromod.harness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A PostgreSQL database created for one harness run and dropped afterwards, so a run never sees
 * another run's sessions and leaves nothing behind.
 */
public final class ScratchDatabase implements AutoCloseable {

    private final String serverUrl;
    private final String user;
    private final String name;

    private ScratchDatabase(String serverUrl, String user, String name) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.name = name;
    }

    /**
     * Creates a fresh database on the server.
     *
     * @param serverUrl JDBC URL of the server, ending in {@code /} (e.g. {@code
     *     jdbc:postgresql://127.0.0.1:5432/})
     */
    public static ScratchDatabase create(String serverUrl, String user, String purpose) throws SQLException {
        String name = "neuromod_" + purpose + "_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis();
        try (Connection connection = DriverManager.getConnection(serverUrl + "postgres", user, "");
                var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return new ScratchDatabase(serverUrl, user, name);
    }

    public String jdbcUrl() {
        return serverUrl + name;
    }

    public String user() {
        return user;
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl + "postgres", user, "");
                var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
