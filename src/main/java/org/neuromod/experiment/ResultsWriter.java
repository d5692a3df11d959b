package org.neuromod.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.neuromod.core.experiment.AgentResult;
import org.neuromod.core.experiment.Curve;
import org.neuromod.core.experiment.Estimate;
import org.neuromod.core.experiment.ExperimentResult;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an experiment's results into a folder:
 *
 * <ul>
 *   <li>{@code results.json}: everything, including every seed's values;
 *   <li>{@code summary.csv}: one row per agent (means, standard errors, Welch p-values);
 *   <li>{@code switch-aligned.csv}: α and T around context changes, per agent and offset;
 *   <li>{@code regret.csv}: the binned regret curve, per agent and bin;
 *   <li>{@code per-seed.csv}: every seed's cumulative and final-block regret and best-arm fraction;
 *   <li>{@code regret.png}, {@code learning-rate.png}, {@code temperature.png}: the figures;
 *   <li>{@code table.md}: the Markdown table.
 * </ul>
 */
public final class ResultsWriter {

    /** The files written, by name, in the order they are written. */
    public static final List<String> FILES = List.of(
            "results.json",
            "summary.csv",
            "switch-aligned.csv",
            "regret.csv",
            "per-seed.csv",
            "regret.png",
            "learning-rate.png",
            "temperature.png",
            "table.md");

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ResultsWriter() {}

    /** Writes every file into {@code folder}, creating it if needed. */
    public static void write(ExperimentResult result, Path folder) {
        try {
            Files.createDirectories(folder);
            JSON.writeValue(folder.resolve("results.json").toFile(), ExperimentReport.of(result, true));
            Files.writeString(folder.resolve("summary.csv"), summary(result));
            Files.writeString(folder.resolve("switch-aligned.csv"), switchAligned(result));
            Files.writeString(folder.resolve("regret.csv"), regret(result));
            Files.writeString(folder.resolve("per-seed.csv"), perSeed(result));
            Charts.regret(result, folder.resolve("regret.png"));
            Charts.switchAligned(
                    result,
                    "learning rate α",
                    agent -> agent.switchAligned().learningRate(),
                    false,
                    folder.resolve("learning-rate.png"));
            Charts.switchAligned(
                    result,
                    "temperature T",
                    agent -> agent.switchAligned().temperature(),
                    true,
                    folder.resolve("temperature.png"));
            Files.writeString(folder.resolve("table.md"), MarkdownTable.of(result));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + folder, e);
        }
    }

    static String summary(ExperimentResult result) {
        List<String> baselines = result.baselineLabels();
        var header = new ArrayList<>(List.of(
                "label",
                "agent",
                "parameters",
                "seeds",
                "cumulativeRegretMean",
                "cumulativeRegretStandardError",
                "finalBlockRegretMean",
                "finalBlockRegretStandardError",
                "bestArmFractionMean",
                "bestArmFractionStandardError"));
        baselines.forEach(baseline -> {
            header.add("welchPValueVs:" + baseline);
            header.add("pairedPValueVs:" + baseline);
        });
        var csv = new StringBuilder(String.join(",", header)).append('\n');
        for (AgentResult agent : result.results()) {
            var cells = new ArrayList<>(List.of(
                    agent.label(),
                    agent.agent().type().name(),
                    parameters(agent.agent().parameters().asMap()),
                    Integer.toString(result.experiment().seeds())));
            addEstimate(cells, agent.cumulativeRegret());
            addEstimate(cells, agent.finalBlockRegret());
            addEstimate(cells, agent.bestArmFraction());
            for (String baseline : baselines) {
                var comparison = agent.comparisons().stream()
                        .filter(test -> test.baseline().equals(baseline))
                        .findFirst();
                cells.add(comparison.map(test -> number(test.welchPValue())).orElse(""));
                cells.add(comparison.map(test -> number(test.pairedPValue())).orElse(""));
            }
            csv.append(cells.stream().map(ResultsWriter::quoted).collect(Collectors.joining(",")))
                    .append('\n');
        }
        return csv.toString();
    }

    static String switchAligned(ExperimentResult result) {
        var csv = new StringBuilder(
                "label,offset,learningRateMean,learningRateStandardError,temperatureMean,temperatureStandardError\n");
        for (AgentResult agent : result.results()) {
            int[] offsets = agent.switchAligned().offsets();
            Curve learningRate = agent.switchAligned().learningRate();
            Curve temperature = agent.switchAligned().temperature();
            for (int i = 0; i < offsets.length; i++) {
                csv.append(String.join(
                                ",",
                                quoted(agent.label()),
                                Integer.toString(offsets[i]),
                                number(learningRate.mean()[i]),
                                number(learningRate.standardError()[i]),
                                number(temperature.mean()[i]),
                                number(temperature.standardError()[i])))
                        .append('\n');
            }
        }
        return csv.toString();
    }

    static String regret(ExperimentResult result) {
        var csv = new StringBuilder("label,binStart,regretMean,regretStandardError\n");
        for (AgentResult agent : result.results()) {
            int[] starts = agent.regretCurve().binStarts();
            Curve regret = agent.regretCurve().regret();
            for (int i = 0; i < starts.length; i++) {
                csv.append(String.join(
                                ",",
                                quoted(agent.label()),
                                Integer.toString(starts[i]),
                                number(regret.mean()[i]),
                                number(regret.standardError()[i])))
                        .append('\n');
            }
        }
        return csv.toString();
    }

    static String perSeed(ExperimentResult result) {
        var csv = new StringBuilder("label,seedIndex,cumulativeRegret,finalBlockRegret,bestArmFraction\n");
        for (AgentResult agent : result.results()) {
            var perSeed = agent.perSeed();
            for (int s = 0; s < perSeed.cumulativeRegret().length; s++) {
                csv.append(String.join(
                                ",",
                                quoted(agent.label()),
                                Integer.toString(s),
                                number(perSeed.cumulativeRegret()[s]),
                                number(perSeed.finalBlockRegret()[s]),
                                number(perSeed.bestArmFraction()[s])))
                        .append('\n');
            }
        }
        return csv.toString();
    }

    private static void addEstimate(List<String> cells, Estimate estimate) {
        cells.add(number(estimate.mean()));
        cells.add(number(estimate.standardError()));
    }

    private static String parameters(Map<String, Object> parameters) {
        return parameters.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(";"));
    }

    /** A number as CSV: shortest round-trip form, empty when undefined. */
    private static String number(double x) {
        return Double.isFinite(x) ? Double.toString(x) : "";
    }

    private static String quoted(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }
}
