package org.neuromod.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromod.core.environment.Reversal;
import org.neuromod.core.experiment.Experiment;
import org.neuromod.core.experiment.ExperimentAgent;
import org.neuromod.core.experiment.ExperimentResult;
import org.neuromod.core.experiment.ExperimentRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ResultsWriterTest {

    private static ExperimentResult result;

    @BeforeAll
    static void runSmallExperiment() {
        var experiment = new Experiment(
                Reversal.TYPE,
                Reversal.TYPE.resolve(Map.of("blocks", 3, "blockLength", 40)),
                List.of(
                        ExperimentAgent.of("softmax", "boltzmann", Map.of()),
                        ExperimentAgent.of("ucb", "discounted-ucb", Map.of())),
                4,
                2);
        try (var runner = new ExperimentRunner(2)) {
            result = runner.run(experiment);
        }
    }

    @Test
    void writesEveryFileIntoTheFolder(@TempDir Path folder) throws Exception {
        Path results = folder.resolve("nested/results");

        ResultsWriter.write(result, results);

        for (String file : ResultsWriter.FILES) {
            assertThat(results.resolve(file)).isNotEmptyFile();
        }
        assertThat(Files.readAllBytes(results.resolve("regret.png"))).startsWith(0x89, 'P', 'N', 'G');
        List<String> summary = Files.readAllLines(results.resolve("summary.csv"));
        assertThat(summary).hasSize(3);
        assertThat(summary.getFirst())
                .startsWith("label,agent,parameters,seeds,cumulativeRegretMean")
                .endsWith("welchPValueVs:softmax,pairedPValueVs:softmax,welchPValueVs:ucb,pairedPValueVs:ucb");
        assertThat(summary.get(1))
                .startsWith("softmax,boltzmann,temperature=0.25;learningRate=0.25;stimulationGain=1.0,4,");
        assertThat(Files.readAllLines(results.resolve("switch-aligned.csv"))).hasSize(1 + 2 * 251);
        assertThat(Files.readAllLines(results.resolve("per-seed.csv"))).hasSize(1 + 2 * 4);
        assertThat(Files.readString(results.resolve("table.md"))).contains("| `ucb` |");
    }

    @Test
    void undefinedQuantitiesAreNullInJsonNeverNaN(@TempDir Path folder) throws Exception {
        ResultsWriter.write(result, folder);
        String json = Files.readString(folder.resolve("results.json"));
        JsonNode root = JsonMapper.builder().build().readTree(json);

        assertThat(json).doesNotContain("NaN").doesNotContain("Infinity");
        JsonNode ucb = root.get("results").get(1);
        assertThat(ucb.get("switchAligned").get("temperature").isNull()).isTrue();
        assertThat(ucb.get("switchAligned").get("learningRate").get(100).asDouble())
                .isEqualTo(0.05);
        assertThat(ucb.get("perSeed").get("cumulativeRegret")).hasSize(4);
        // Offsets past the end of the last block have no trial in any run.
        JsonNode softmax = root.get("results").get(0);
        assertThat(softmax.get("switchAligned").get("learningRate").get(250).isNull())
                .isTrue();
        assertThat(root.get("environment").asString()).isEqualTo("reversal");
    }

    @Test
    void theReportForHttpLeavesOutPerSeedValues() {
        ExperimentReport report = ExperimentReport.of(result, false);

        assertThat(report.results())
                .allSatisfy(agent -> assertThat(agent.perSeed()).isNull());
        assertThat(report.results().get(0).comparisons())
                .singleElement()
                .satisfies(comparison -> assertThat(comparison.baseline()).isEqualTo("ucb"));
    }

    @Test
    void theTableHasOneRowPerAgentWithMeanAndStandardError() {
        String table = MarkdownTable.of(result);

        assertThat(table.lines()).hasSize(2 + 2);
        assertThat(table.lines().toList().get(2)).startsWith("| `softmax` | ").contains(" ± ");
    }
}
