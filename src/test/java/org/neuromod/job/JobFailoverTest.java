package org.neuromod.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.neuromod.Api;
import org.neuromod.TestDatabases;
import org.neuromod.harness.ServiceProcess;
import tools.jackson.databind.JsonNode;

/**
 * Jobs survive the death of the service process that runs them: {@code kill -9} mid-job and a
 * restart on the same H2 file, and two instances on one PostgreSQL where the one running a job is
 * killed. In both, the job is run again to the same result as an uninterrupted job of the same
 * request, and exactly one result is stored. The services are real processes started from the
 * test class path.
 */
class JobFailoverTest {

    private static final Duration PATIENCE = Duration.ofSeconds(240);

    /** Heartbeats every second, four missed: a dead instance's job is taken over within seconds. */
    private static final List<String> JVM = List.of(
            "-Xmx384m",
            "-XX:+UseSerialGC",
            "-Dneuromod.jobs.heartbeat-interval=1s",
            "-Dneuromod.jobs.missed-heartbeats=4",
            "-Dneuromod.jobs.polling-interval=500ms");

    /** A few seconds of simulation on one core. */
    private static final String EXPERIMENT = """
            {"environment": "paper-bandit", "seeds": 300, "seed": 42,
             "agents": [{"label": "nm", "agent": "neuromodulated"}, {"label": "b", "agent": "boltzmann"}]}""";

    @Test
    void aJobKilledMidwayCompletesAfterARestartWithTheSameResult() throws Exception {
        Path directory = Files.createTempDirectory("neuromod-job-crash-");
        try (var service = ServiceProcess.fromTestClasspath(directory, ServiceProcess.Storage.h2(), JVM)) {
            service.start();
            String location = submit(service);
            awaitProgress(service, location);

            service.kill();
            service.start();

            JsonNode recovered = awaitDone(service, location);
            JsonNode uninterrupted = awaitDone(service, submit(service));

            assertThat(recovered.path("attempts").asInt()).isEqualTo(2);
            assertThat(uninterrupted.path("attempts").asInt()).isEqualTo(1);
            assertThat(recovered.path("results")).isEqualTo(uninterrupted.path("results"));
            assertThat(recovered.path("files").size())
                    .isEqualTo(uninterrupted.path("files").size());
        }
    }

    @Test
    void twoInstancesShareJobsAndTheSurvivorFinishesTheJobOfTheOneKilled() throws Exception {
        TestDatabases.requirePostgres();
        Map<String, String> database = TestDatabases.freshPostgresSchema();
        var jvm = new ArrayList<>(JVM);
        jvm.add("-Dspring.flyway.schemas=" + database.get("spring.flyway.schemas"));
        jvm.add("-Dspring.flyway.default-schema=" + database.get("spring.flyway.default-schema"));
        jvm.add("-Dspring.datasource.password=" + database.get("spring.datasource.password"));
        var storage = ServiceProcess.Storage.postgresql(
                database.get("spring.datasource.url"), database.get("spring.datasource.username"));
        try (var first = ServiceProcess.fromTestClasspath(Files.createTempDirectory("neuromod-a-"), storage, jvm);
                var second = ServiceProcess.fromTestClasspath(Files.createTempDirectory("neuromod-b-"), storage, jvm)) {
            // started side by side: a service start takes tens of seconds on a busy machine
            var starting = CompletableFuture.runAsync(() -> start(second));
            first.start();
            starting.join();
            String one = submit(first);
            String two = submit(first);
            awaitProgress(first, one);
            awaitProgress(first, two);
            String ownerOfOne = owner(database, one);
            String ownerOfTwo = owner(database, two);
            // each instance runs one job at a time on two cores: the other instance took the second
            assertThat(ownerOfOne).isNotEqualTo(ownerOfTwo);

            ServiceProcess victim = ownerOfOne.endsWith("-" + first.pid()) ? first : second;
            ServiceProcess survivor = victim == first ? second : first;
            victim.kill();

            JsonNode recovered = awaitDone(survivor, one);
            JsonNode other = awaitDone(survivor, two);
            JsonNode uninterrupted = awaitDone(survivor, submit(survivor));

            assertThat(recovered.path("attempts").asInt()).isEqualTo(2);
            assertThat(recovered.path("results")).isEqualTo(uninterrupted.path("results"));
            assertThat(other.path("results")).isEqualTo(uninterrupted.path("results"));
            assertThat(storedResults(database, one)).isEqualTo(1);
            assertThat(storedFiles(database, one))
                    .isEqualTo(uninterrupted.path("files").size());
        }
    }

    private static void start(ServiceProcess service) {
        try {
            service.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start a service process", e);
        }
    }

    private static String submit(ServiceProcess service) {
        var reply = new Api(service.port()).post("/experiments", EXPERIMENT, "Prefer", "respond-async");
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        return reply.header("Location");
    }

    private static void awaitProgress(ServiceProcess service, String location) throws InterruptedException {
        var api = new Api(service.port());
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            JsonNode run = api.get(location).json();
            assertThat(run.path("status").asString()).isIn("queued", "running");
            if (run.path("progress").path("done").asLong() > 0) {
                return;
            }
            assertThat(System.nanoTime())
                    .as("waiting for progress of " + location)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static JsonNode awaitDone(ServiceProcess service, String location) throws InterruptedException {
        var api = new Api(service.port());
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            JsonNode run = api.get(location).json();
            if (run.path("status").asString().equals("done")) {
                return run;
            }
            assertThat(run.path("status").asString()).isIn("queued", "running");
            assertThat(System.nanoTime()).as("waiting for " + location).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String owner(Map<String, String> database, String location) throws Exception {
        try (Connection connection = connect(database);
                var statement = connection.prepareStatement("SELECT owner FROM jobs WHERE id = CAST(? AS UUID)")) {
            statement.setString(1, id(location));
            try (var rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1);
            }
        }
    }

    private static int storedResults(Map<String, String> database, String location) throws Exception {
        return count(database, "SELECT COUNT(*) FROM jobs WHERE id = CAST(? AS UUID) AND result IS NOT NULL", location);
    }

    private static int storedFiles(Map<String, String> database, String location) throws Exception {
        return count(database, "SELECT COUNT(*) FROM job_files WHERE job_id = CAST(? AS UUID)", location);
    }

    private static int count(Map<String, String> database, String sql, String location) throws Exception {
        try (Connection connection = connect(database);
                var statement = connection.prepareStatement(sql)) {
            statement.setString(1, id(location));
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static Connection connect(Map<String, String> database) throws Exception {
        return DriverManager.getConnection(
                database.get("spring.datasource.url"),
                database.get("spring.datasource.username"),
                database.get("spring.datasource.password"));
    }

    private static String id(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
