package org.neuromod.experiment;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.neuromod.core.agent.AgentCatalog;
import org.neuromod.core.agent.AgentType;
import org.neuromod.core.environment.EnvironmentCatalog;
import org.neuromod.core.environment.EnvironmentType;
import org.neuromod.core.experiment.Experiment;
import org.neuromod.core.experiment.ExperimentAgent;
import org.neuromod.core.experiment.ExperimentResult;
import org.neuromod.core.experiment.ExperimentRunner;
import org.neuromod.core.experiment.PaperExperiment;

/**
 * Reproduces the paper's experiment from the command line, without starting the service:
 *
 * <pre>
 *   ./mvnw -q compile exec:exec@reproduction -Dargs="--seeds 200 --out results/paper"
 * </pre>
 *
 * It writes the files of {@link ResultsWriter} into the output folder and prints the results
 * table as Markdown. Options:
 *
 * <ul>
 *   <li>{@code --seeds N} runs per agent (default 200);
 *   <li>{@code --seed S} the experiment seed (default 1);
 *   <li>{@code --out DIR} the results folder (default {@code results/paper});
 *   <li>{@code --agents paper|all|NAME,NAME...} the paper's agents (default), those plus every
 *       other agent type at its defaults, or chosen agent types at their defaults;
 *   <li>{@code --environment NAME} {@code paper-bandit} (default) or {@code reversal};
 *   <li>{@code --set NAME=VALUE} an environment parameter, repeatable (for example {@code
 *       --set blocks=8});
 *   <li>{@code --threads N} worker threads (default: one per processor).
 * </ul>
 */
public final class ReproductionCommand {

    private static final String USAGE = """
            usage: --seeds N --seed S --out DIR --agents paper|all|NAME,NAME... \
            --environment paper-bandit|reversal --set NAME=VALUE --threads N""";

    private ReproductionCommand() {}

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        if (List.of(args).contains("--help")) {
            System.out.println(USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException invalid) {
            System.err.println(invalid.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        run(options, System.out);
    }

    static ExperimentResult run(Options options, PrintStream out) {
        Experiment experiment = options.experiment();
        out.printf(
                Locale.ROOT,
                "Running %d agents x %d seeds on %s %s with %d threads...%n",
                experiment.agents().size(),
                experiment.seeds(),
                experiment.environment().name(),
                experiment.environmentParameters(),
                options.threads());
        ExperimentResult result;
        try (var runner = new ExperimentRunner(options.threads())) {
            result = runner.run(experiment);
        }
        ResultsWriter.write(result, options.out());
        double seconds = result.elapsed().toNanos() / 1e9;
        double cpuSeconds = result.cpuTime().toNanos() / 1e9;
        out.printf(
                Locale.ROOT,
                "%n%,d steps in %.1f s on %d threads (%.2f million steps/s); %.1f CPU-seconds, %.0f ns of CPU"
                        + " per step; results in %s%n%n",
                result.steps(),
                seconds,
                result.threads(),
                result.steps() / seconds / 1e6,
                cpuSeconds,
                cpuSeconds * 1e9 / result.steps(),
                options.out().toAbsolutePath().normalize());
        out.print(MarkdownTable.of(result));
        return result;
    }

    /** The command's options, parsed and validated. */
    record Options(Experiment experiment, Path out, int threads) {

        static Options parse(String[] args) {
            int seeds = 200;
            long seed = 1;
            Path out = Path.of("results", "paper");
            String agents = "paper";
            String environment = "paper-bandit";
            var environmentParameters = new LinkedHashMap<String, Object>();
            int threads = Runtime.getRuntime().availableProcessors();
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--seeds" -> seeds = whole(option, value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--out" -> out = Path.of(value);
                    case "--agents" -> agents = value;
                    case "--environment" -> environment = value;
                    case "--set" -> {
                        String[] pair = value.split("=", 2);
                        if (pair.length != 2) {
                            throw new IllegalArgumentException("--set needs NAME=VALUE, was " + value);
                        }
                        environmentParameters.put(pair[0], Double.parseDouble(pair[1]));
                    }
                    case "--threads" -> threads = whole(option, value);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            String environmentName = environment;
            EnvironmentType type = EnvironmentCatalog.find(environment)
                    .orElseThrow(() -> new IllegalArgumentException("unknown environment '" + environmentName
                            + "'; known: "
                            + EnvironmentCatalog.all().stream()
                                    .map(EnvironmentType::name)
                                    .toList()));
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1");
            }
            var experiment = new Experiment(type, type.resolve(environmentParameters), agents(agents), seeds, seed);
            return new Options(experiment, out, threads);
        }

        private static List<ExperimentAgent> agents(String selection) {
            return switch (selection) {
                case "paper" -> PaperExperiment.agents();
                case "all" -> {
                    var all = new ArrayList<>(PaperExperiment.agents());
                    Set<String> included =
                            all.stream().map(agent -> agent.type().name()).collect(Collectors.toSet());
                    AgentCatalog.all().stream()
                            .map(AgentType::name)
                            .filter(name -> !included.contains(name))
                            .forEach(name -> all.add(ExperimentAgent.of(name, name, Map.of())));
                    yield all;
                }
                default -> {
                    var chosen = new ArrayList<ExperimentAgent>();
                    for (String name : selection.split(",")) {
                        chosen.add(ExperimentAgent.of(name.strip(), name.strip(), Map.of()));
                    }
                    yield chosen;
                }
            };
        }

        private static int whole(String option, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a whole number, was " + value);
            }
        }
    }
}
