package org.neuromod.fit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuromod.core.agent.AgentType;
import org.neuromod.core.agent.baseline.Boltzmann;
import org.neuromod.core.agent.baseline.EpsilonGreedy;
import org.neuromod.core.agent.neuromodulated.NeuromodulatedAgent;
import org.neuromod.core.environment.EnvironmentCatalog;
import org.neuromod.core.environment.EnvironmentType;
import org.neuromod.core.fit.FitMonitor;
import org.neuromod.core.fit.Fitter;
import org.neuromod.core.fit.Method;
import org.neuromod.core.fit.Model;
import org.neuromod.core.fit.ParameterRecovery;

/**
 * Parameter recovery and model confusion from the command line, without starting the service:
 *
 * <pre>
 *   ./mvnw -q compile exec:exec@recovery \
 *       -Dargs="--preset boltzmann --subjects 50 --out results/recovery-boltzmann.md"
 * </pre>
 *
 * It prints (and with {@code --out} writes) a Markdown report: per parameter Pearson r, bias and
 * RMSE of the estimates against the truth, and with several models the confusion matrix of BIC
 * winners. Presets (all on the {@code reversal} task, 5 blocks of 100 trials unless {@code --set}
 * changes it):
 *
 * <ul>
 *   <li>{@code boltzmann}: learning rate ~ U(0.05, 0.9), temperature ~ U(0.05, 1), fitted within
 *       [0.01, 0.99] and [0.01, 5];
 *   <li>{@code neuromodulated}: surpriseScale ~ U(0.05, 0.5), surpriseRate ~ U(0.05, 0.5),
 *       stimulationGain ~ U(0, 2), with stimulation 0.1 straddling every reversal; fitted within
 *       [0.001, 2], [0.01, 1], [0, 10];
 *   <li>{@code stimulation-gain}: the proposed experiment's readout: surpriseScale ~ U(0.05, 0.5) and
 *       stimulationGain ~ U(0, 2), the other parameters at their defaults, stimulation 0.2
 *       straddling every reversal; fitted within [0.001, 2] and [0, 10];
 *   <li>{@code confusion}: boltzmann, epsilon-greedy (ε ~ U(0.05, 0.5), α ~ U(0.05, 0.9)) and
 *       neuromodulated as above, each fitted by all three.
 * </ul>
 *
 * Options: {@code --subjects N} per model (default 50), {@code --starts N} (default 10), {@code
 * --seed S} (default 1), {@code --method mle|hierarchical} (default {@code mle}: every subject on
 * its own; {@code hierarchical}: empirical-Bayes EM over each model's subjects), {@code --details}
 * (every subject's truth and estimate), {@code --environment NAME} ({@code reversal} or {@code paper-bandit}),
 * {@code --set NAME=VALUE} an environment parameter (repeatable), {@code --out FILE}.
 */
public final class RecoveryCommand {

    private static final String USAGE = """
            usage: --preset boltzmann|neuromodulated|stimulation-gain|confusion --subjects N --starts N --seed S \
            --environment reversal|paper-bandit --set NAME=VALUE --out FILE""";

    private RecoveryCommand() {}

    public static void main(String[] args) throws IOException {
        String preset = "boltzmann";
        int subjects = 50;
        int starts = 10;
        long seed = 1;
        String environmentName = "reversal";
        Map<String, Object> environment = new LinkedHashMap<>(Map.of("blocks", 5, "blockLength", 100));
        Path out = null;
        boolean details = false;
        String method = "mle";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--preset" -> preset = value;
                case "--subjects" -> subjects = Integer.parseInt(value);
                case "--starts" -> starts = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--environment" -> environmentName = value;
                case "--set" -> {
                    String[] pair = value.split("=", 2);
                    environment.put(pair[0], Double.parseDouble(pair[1]));
                }
                case "--out" -> out = Path.of(value);
                case "--method" -> method = value;
                case "--details" -> {
                    details = true;
                    i--;
                }
                default -> {
                    System.err.println(USAGE);
                    System.exit(2);
                }
            }
            i++;
        }
        List<ParameterRecovery.Candidate> candidates = switch (preset) {
            case "boltzmann" -> List.of(boltzmann());
            case "neuromodulated" -> {
                environment.putIfAbsent("stimulation", 0.1);
                yield List.of(neuromodulated());
            }
            case "stimulation-gain" -> {
                environment.putIfAbsent("stimulation", 0.2);
                environment.put("blocks", environment.getOrDefault("blocks", 5));
                yield List.of(stimulationGain());
            }
            case "confusion" -> {
                environment.putIfAbsent("stimulation", 0.1);
                yield List.of(boltzmann(), epsilonGreedy(), neuromodulated());
            }
            default -> throw new IllegalArgumentException("unknown preset '" + preset + "'; " + USAGE);
        };
        if (environmentName.equals("paper-bandit")) {
            environment.remove("stimulation");
        }
        EnvironmentType type = EnvironmentCatalog.find(environmentName)
                .orElseThrow(() -> new IllegalArgumentException("unknown environment; " + USAGE));
        var design = new ParameterRecovery.Design(
                type,
                environment,
                subjects,
                new Fitter.Settings(Method.MLE, starts, seed),
                seed,
                method.equals("hierarchical"));
        long started = System.nanoTime();
        var report = ParameterRecovery.run(candidates, design, FitMonitor.NONE);
        double seconds = (System.nanoTime() - started) / 1e9;
        String markdown = markdown(preset, environmentName, environment, design, report, seconds, details);
        System.out.print(markdown);
        if (out != null) {
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.writeString(out, markdown);
        }
    }

    static ParameterRecovery.Candidate boltzmann() {
        return candidate(
                "boltzmann",
                Boltzmann.TYPE,
                Map.of(),
                List.of(free("learningRate", 0.01, 0.99), free("temperature", 0.01, 5)),
                List.of(range("learningRate", 0.05, 0.9), range("temperature", 0.05, 1)));
    }

    static ParameterRecovery.Candidate epsilonGreedy() {
        return candidate(
                "epsilon-greedy",
                EpsilonGreedy.TYPE,
                Map.of(),
                List.of(free("epsilon", 0.01, 0.99), free("learningRate", 0.01, 0.99)),
                List.of(range("epsilon", 0.05, 0.5), range("learningRate", 0.05, 0.9)));
    }

    static ParameterRecovery.Candidate neuromodulated() {
        return candidate(
                "neuromodulated",
                NeuromodulatedAgent.TYPE,
                Map.of(),
                List.of(free("surpriseScale", 0.001, 2), free("surpriseRate", 0.01, 1), free("stimulationGain", 0, 10)),
                List.of(
                        range("surpriseScale", 0.05, 0.5),
                        range("surpriseRate", 0.05, 0.5),
                        range("stimulationGain", 0, 2)));
    }

    static ParameterRecovery.Candidate stimulationGain() {
        return candidate(
                "neuromodulated",
                NeuromodulatedAgent.TYPE,
                Map.of(),
                List.of(free("surpriseScale", 0.001, 2), free("stimulationGain", 0, 10)),
                List.of(range("surpriseScale", 0.05, 0.5), range("stimulationGain", 0, 2)));
    }

    private static ParameterRecovery.Candidate candidate(
            String label,
            AgentType type,
            Map<String, Object> fixed,
            List<Model.FreeSpec> free,
            List<ParameterRecovery.Range> truths) {
        return new ParameterRecovery.Candidate(label, Model.of(type, free, fixed), truths);
    }

    private static Model.FreeSpec free(String name, double minimum, double maximum) {
        return new Model.FreeSpec(name, minimum, maximum, null);
    }

    private static ParameterRecovery.Range range(String name, double minimum, double maximum) {
        return new ParameterRecovery.Range(name, minimum, maximum);
    }

    static String markdown(
            String preset,
            String environmentName,
            Map<String, Object> environment,
            ParameterRecovery.Design design,
            ParameterRecovery.Report report,
            double seconds,
            boolean details) {
        var out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Recovery preset `%s`: %d subjects per model on `%s` %s, %s from %d starts, seed %d (%.1f s)%n%n",
                preset,
                design.subjects(),
                environmentName,
                environment,
                design.hierarchical() ? "hierarchical EM" : "MLE",
                design.settings().starts(),
                design.seed(),
                seconds));
        out.append("| model | parameter | Pearson r | bias | RMSE |\n|---|---|---:|---:|---:|\n");
        for (var candidate : report.candidates()) {
            for (var parameter : candidate.parameters()) {
                out.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %.3f | %.4f | %.4f |%n",
                        candidate.label(),
                        parameter.name(),
                        parameter.pearson(),
                        parameter.bias(),
                        parameter.rmse()));
            }
        }
        if (details) {
            for (var candidate : report.candidates()) {
                out.append("\nSubjects of ").append(candidate.label()).append(" (truth → estimate)\n\n");
                for (int i = 0; i < candidate.fits().size(); i++) {
                    out.append("- ").append(candidate.fits().get(i).label()).append(':');
                    for (var parameter : candidate.parameters()) {
                        out.append(String.format(
                                Locale.ROOT,
                                " %s %.3f → %.3f;",
                                parameter.name(),
                                parameter.truth()[i],
                                parameter.estimate()[i]));
                    }
                    out.append('\n');
                }
            }
        }
        if (report.confusion().length > 0) {
            var labels = new ArrayList<String>();
            report.candidates().forEach(c -> labels.add(c.label()));
            out.append("\nConfusion (rows: generating model, columns: fraction best fitted by BIC)\n\n| generating |");
            labels.forEach(l -> out.append(' ').append(l).append(" |"));
            out.append("\n|---|").append("---:|".repeat(labels.size())).append('\n');
            for (int g = 0; g < labels.size(); g++) {
                out.append("| ").append(labels.get(g)).append(" |");
                for (int f = 0; f < labels.size(); f++) {
                    out.append(String.format(Locale.ROOT, " %.2f |", report.confusion()[g][f]));
                }
                out.append('\n');
            }
        }
        return out.toString();
    }
}
