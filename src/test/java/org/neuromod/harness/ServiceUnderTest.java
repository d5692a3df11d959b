package org.neuromod.harness;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The service a harness talks to: one it starts from the packaged jar (on a fresh H2 directory or
 * a fresh PostgreSQL database, removed afterwards) or one already running at a given URL.
 */
public final class ServiceUnderTest implements AutoCloseable {

    /** The options every harness shares for choosing its service. */
    public static Map<String, String> optionDefaults() {
        var defaults = new LinkedHashMap<String, String>();
        defaults.put("url", "");
        defaults.put("database", "h2");
        defaults.put("postgres-server", "jdbc:postgresql://127.0.0.1:5432/");
        defaults.put("postgres-user", "postgres");
        defaults.put("jvm", "");
        return defaults;
    }

    private final String host;
    private final int port;
    private final String description;
    private final ServiceProcess process;
    private final ScratchDatabase database;

    private ServiceUnderTest(
            String host, int port, String description, ServiceProcess process, ScratchDatabase database) {
        this.host = host;
        this.port = port;
        this.description = description;
        this.process = process;
        this.database = database;
    }

    /**
     * With {@code --url}, the running service there; otherwise the packaged jar started on {@code
     * --database=h2} (a temporary directory) or {@code --database=postgresql} (a scratch database on
     * {@code --postgres-server}), with the JVM options of {@code --jvm}.
     */
    public static ServiceUnderTest open(HarnessOptions options, String purpose) throws Exception {
        String url = options.text("url");
        if (url != null && !url.isEmpty()) {
            URI uri = URI.create(url);
            int port = uri.getPort() < 0 ? 80 : uri.getPort();
            return new ServiceUnderTest(uri.getHost(), port, "service at " + url, null, null);
        }
        Path directory = Files.createTempDirectory("neuromod-" + purpose + "-");
        ScratchDatabase database = null;
        ServiceProcess.Storage storage;
        switch (options.text("database")) {
            case "h2" -> storage = ServiceProcess.Storage.h2();
            case "postgresql", "postgres" -> {
                database =
                        ScratchDatabase.create(options.text("postgres-server"), options.text("postgres-user"), purpose);
                storage = ServiceProcess.Storage.postgresql(database.jdbcUrl(), database.user());
            }
            default -> throw new IllegalArgumentException("--database must be h2 or postgresql");
        }
        var process = new ServiceProcess(ServiceProcess.findJar(), directory, storage, options.words("jvm"));
        try {
            process.start();
        } catch (Exception e) {
            process.kill();
            if (database != null) {
                database.close();
            }
            throw e;
        }
        String description = "jar " + process.workingDirectory() + " on " + storage.describe()
                + (options.words("jvm").isEmpty() ? "" : " with " + options.words("jvm"));
        return new ServiceUnderTest("127.0.0.1", process.port(), description, process, database);
    }

    public HttpConnection connect(int readTimeoutMillis) {
        return new HttpConnection(host, port, readTimeoutMillis);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String description() {
        return description;
    }

    /** The service's process id, when this harness started it. */
    public OptionalLong pid() {
        return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
    }

    public List<String> logTail(int lines) throws java.io.IOException {
        if (process == null) {
            return List.of();
        }
        List<String> all = Files.readAllLines(process.workingDirectory().resolve("service.log"));
        return all.subList(Math.max(0, all.size() - lines), all.size());
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            process.stop();
            deleteRecursively(process.workingDirectory());
        }
        if (database != null) {
            database.close();
        }
    }

    static void deleteRecursively(Path directory) throws java.io.IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
