package org.neuromod.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neuromod.core.experiment.AgentResult;
import org.neuromod.core.experiment.BaselineComparison;
import org.neuromod.core.experiment.Estimate;
import org.neuromod.core.experiment.ExperimentResult;

/**
 * The results table in Markdown: mean ± standard error per agent, and for final-block regret the
 * two-sided p-values of Welch's and of the paired t-test against each paper baseline.
 */
public final class MarkdownTable {

    private MarkdownTable() {}

    public static String of(ExperimentResult result) {
        List<String> baselines = result.baselineLabels();
        var header = new ArrayList<>(
                List.of("Agent", "Cumulative regret", "Final-block regret / trial", "Best-arm fraction"));
        baselines.forEach(baseline -> header.add("p vs " + baseline + " (Welch; paired)"));
        var table = new StringBuilder();
        row(table, header);
        row(
                table,
                header.stream()
                        .map(column -> column.equals("Agent") ? ":--" : "--:")
                        .toList());
        for (AgentResult agent : result.results()) {
            var cells = new ArrayList<>(List.of(
                    "`" + agent.label() + "`",
                    estimate(agent.cumulativeRegret(), 0),
                    estimate(agent.finalBlockRegret(), 3),
                    estimate(agent.bestArmFraction(), 3)));
            for (String baseline : baselines) {
                cells.add(agent.comparisons().stream()
                        .filter(test -> test.baseline().equals(baseline))
                        .findFirst()
                        .map(MarkdownTable::pValue)
                        .orElse("–"));
            }
            row(table, cells);
        }
        return table.toString();
    }

    private static void row(StringBuilder table, List<String> cells) {
        table.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static String estimate(Estimate estimate, int decimals) {
        if (Double.isNaN(estimate.mean())) {
            return "–";
        }
        String format = "%,." + decimals + "f";
        String mean = String.format(Locale.ROOT, format, estimate.mean());
        if (Double.isNaN(estimate.standardError())) {
            return mean;
        }
        return mean + " ± " + String.format(Locale.ROOT, format, estimate.standardError());
    }

    private static String pValue(BaselineComparison comparison) {
        String direction = comparison.meanDifference() < 0 ? "lower" : "higher";
        return direction + ": " + pValue(comparison.welchPValue()) + "; " + pValue(comparison.pairedPValue());
    }

    private static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "–";
        }
        return String.format(Locale.ROOT, p < 1e-3 ? "%.1e" : "%.3f", p);
    }
}
