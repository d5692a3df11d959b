package org.neuromod.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures what idle sessions cost the service's heap: it starts the service, reads the live heap
 * after a full collection, creates {@code --count} sessions with {@code --trials} trials each, and
 * reads the live heap again after another full collection ({@code jcmd GC.class_histogram}, which
 * counts only reachable objects, and the used heap from {@code jcmd GC.heap_info}).
 *
 * <p>Run with {@code ./mvnw -B -q -DskipTests package exec:exec@memory-harness
 * -Dargs="--database=h2"}; add {@code
 * --jvm=-Xmx256m} to run the service inside the budget.
 */
public final class MemoryHarness {

    private static final long BUDGET_BYTES = 256L * 1024 * 1024;
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private MemoryHarness() {}

    static Map<String, String> optionDefaults() {
        var defaults = ServiceUnderTest.optionDefaults();
        defaults.remove("url");
        defaults.put("count", "10000");
        defaults.put("trials", "3");
        defaults.put("clients", "4");
        defaults.put("agent", "neuromodulated");
        defaults.put("arms", "5");
        return defaults;
    }

    public static void main(String[] args) throws Exception {
        var options = HarnessOptions.parse(args, optionDefaults());
        try (var service = ServiceUnderTest.open(options, "memory")) {
            long pid = service.pid().orElseThrow();
            String agent;
            try (var connection = service.connect(10_000)) {
                agent = SessionApi.chooseAgent(connection, options.text("agent"));
                // one session through the whole loop first, so every class on the path is loaded in both readings
                createWithTrials(connection, agent, options.integer("arms"), 0, options.integer("trials"));
            }
            Heap before = Heap.read(pid);
            long started = System.nanoTime();
            int created = createSessions(service, agent, options);
            double seconds = (System.nanoTime() - started) / 1e9;
            Heap after = Heap.read(pid);
            long perSession = (after.liveBytes() - before.liveBytes()) / created;
            System.out.printf(
                    Locale.ROOT,
                    "# %s, agent %s, %d arms%n"
                            + "created %d sessions with %d trials each in %.1f s%n"
                            + "live heap before %.1f MB, after %.1f MB: %+.1f MB (%d bytes per session)%n"
                            + "used heap before %.1f MB, after %.1f MB%n"
                            + "budget 256 MB for 10,000 sessions: %s%n",
                    service.description(),
                    agent,
                    options.integer("arms"),
                    created,
                    options.integer("trials"),
                    seconds,
                    megabytes(before.liveBytes()),
                    megabytes(after.liveBytes()),
                    megabytes(after.liveBytes() - before.liveBytes()),
                    perSession,
                    megabytes(before.usedBytes()),
                    megabytes(after.usedBytes()),
                    after.liveBytes() - before.liveBytes() <= BUDGET_BYTES ? "within" : "EXCEEDED");
            System.out.println("# largest classes after:");
            after.topClasses().forEach(line -> System.out.println("  " + line));
        }
    }

    private static int createSessions(ServiceUnderTest service, String agent, HarnessOptions options) throws Exception {
        int count = options.integer("count");
        int trials = options.integer("trials");
        int arms = options.integer("arms");
        var next = new AtomicInteger();
        var created = new AtomicInteger();
        var failures = new ArrayList<Exception>();
        var threads = new ArrayList<Thread>();
        for (int client = 0; client < options.integer("clients"); client++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (var connection = service.connect(30_000)) {
                    int index;
                    while ((index = next.getAndIncrement()) < count) {
                        createWithTrials(connection, agent, arms, index + 1, trials);
                        created.incrementAndGet();
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return created.get();
    }

    private static void createWithTrials(HttpConnection connection, String agent, int arms, long seed, int trials)
            throws IOException {
        String id = SessionApi.createSession(connection, agent, arms, seed);
        for (int trial = 1; trial <= trials; trial++) {
            SessionApi.expect(connection.post("/sessions/" + id + "/act", "{}"), "act");
            SessionApi.expect(
                    connection.post("/sessions/" + id + "/feedback", "{\"trial\":" + trial + ",\"reward\":1.0}"),
                    "feedback");
        }
    }

    private static double megabytes(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    /** The service's heap after a full collection: live bytes, used bytes, and its largest classes. */
    record Heap(long liveBytes, long usedBytes, List<String> topClasses) {

        static Heap read(long pid) throws IOException, InterruptedException {
            jcmd(pid, "GC.run");
            String histogram = jcmd(pid, "GC.class_histogram");
            String heapInfo = jcmd(pid, "GC.heap_info");
            Matcher total = HISTOGRAM_TOTAL.matcher(histogram);
            Matcher used = HEAP_USED.matcher(heapInfo);
            if (!total.find() || !used.find()) {
                throw new IOException(
                        "unexpected jcmd output:\n" + histogram.lines().limit(5).toList() + heapInfo);
            }
            List<String> top = histogram
                    .lines()
                    .filter(line -> line.matches("\\s*\\d+:\\s+\\d+.*"))
                    .limit(12)
                    .toList();
            return new Heap(Long.parseLong(total.group(1)), Long.parseLong(used.group(1)) * 1024, top);
        }

        private static String jcmd(long pid, String command) throws IOException, InterruptedException {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("jcmd " + command + " failed: " + output);
            }
            return output;
        }
    }
}
