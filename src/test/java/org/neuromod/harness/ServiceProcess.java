package org.neuromod.harness;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The packaged service ({@code target/neuromod-agents-*.jar}) run as a child process, so that it
 * can be measured from outside and killed with {@code SIGKILL}.
 *
 * <p>With {@link Storage#h2()} the process runs in a working directory of its own, so the default
 * embedded database ({@code ./data}) lands there and survives restarts of this object. The port is
 * chosen afresh on every start.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(600);

    /** How the JVM is told what to run: {@code -jar} and the jar, or a class path and the main class. */
    private final List<String> launch;

    private final Path workingDirectory;
    private final Storage storage;
    private final List<String> jvmOptions;
    private volatile Process process;
    private int port;
    private int starts;

    /** Where the service keeps its data: the default embedded H2 file, or a PostgreSQL database. */
    public record Storage(String jdbcUrl, String user) {

        public static Storage h2() {
            return new Storage(null, null);
        }

        public static Storage postgresql(String jdbcUrl, String user) {
            return new Storage(jdbcUrl, user);
        }

        public boolean embedded() {
            return jdbcUrl == null;
        }

        public String describe() {
            return embedded() ? "H2 (embedded file)" : "PostgreSQL " + jdbcUrl;
        }
    }

    public ServiceProcess(Path jar, Path workingDirectory, Storage storage, List<String> jvmOptions) {
        this(List.of("-jar", jar.toAbsolutePath().toString()), workingDirectory, storage, jvmOptions);
    }

    private ServiceProcess(List<String> launch, Path workingDirectory, Storage storage, List<String> jvmOptions) {
        this.launch = List.copyOf(launch);
        this.workingDirectory = workingDirectory.toAbsolutePath();
        this.storage = storage;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * The service run from the class path of the running JVM without its test classes, so that a
     * test during {@code ./mvnw test} (before any jar is packaged) can start and kill real service
     * processes.
     */
    public static ServiceProcess fromTestClasspath(Path workingDirectory, Storage storage, List<String> jvmOptions)
            throws IOException {
        return new ServiceProcess(
                List.of("-cp", ServiceClasspath.withoutTests(), "org.neuromod.NeuromodAgentsApplication"),
                workingDirectory,
                storage,
                jvmOptions);
    }

    /** The newest service jar under {@code target/}. */
    public static Path findJar() throws IOException {
        Path target = Path.of("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> {
                        String name = file.getFileName().toString();
                        return name.startsWith("neuromod-agents-")
                                && name.endsWith(".jar")
                                && !name.endsWith("-plain.jar");
                    })
                    .max(Comparator.comparingLong(file -> file.toFile().lastModified()))
                    .orElseThrow(() -> new IOException(
                            "no target/neuromod-agents-*.jar: run ./mvnw -B -q -DskipTests package first"));
        }
    }

    /** Starts the service and waits until it answers; the previous process must be gone. */
    public void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("service already running as pid " + process.pid());
        }
        port = freePort();
        starts++;
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(launch);
        command.add("--server.port=" + port);
        command.add("--server.address=127.0.0.1");
        var builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        workingDirectory.resolve("service.log").toFile()));
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("SPRING_"));
        if (!storage.embedded()) {
            environment.put("SPRING_DATASOURCE_URL", storage.jdbcUrl());
            environment.put("SPRING_DATASOURCE_USERNAME", storage.user());
        }
        process = builder.start();
        if (starts == 1) {
            // a harness stopped from outside (Ctrl-C) must not leave its service running
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (process != null) {
                    process.destroyForcibly();
                }
            }));
        }
        awaitReady();
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (var connection = new HttpConnection("127.0.0.1", port, 5_000)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException("service exited with status " + process.exitValue() + " during start; see "
                            + workingDirectory.resolve("service.log"));
                }
                try {
                    if (connection.get("/agents").successful()) {
                        return;
                    }
                } catch (IOException notYetListening) {
                    // the port opens only once the context is ready
                }
                Thread.sleep(50);
            }
        }
        throw new IOException("service not ready after " + READY_TIMEOUT);
    }

    /** Kills the service with {@code SIGKILL}, as a crash or an out-of-memory killer would. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** Stops the service with {@code SIGTERM} (graceful shutdown), waiting a bounded time. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public int starts() {
        return starts;
    }

    public Storage storage() {
        return storage;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
