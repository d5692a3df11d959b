package org.neuromod.experiment.web;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.neuromod.Limits;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@WebMvcTest(ExperimentController.class)
@Import(ExperimentConfiguration.class)
@TestPropertySource(
        properties = {
            "neuromod.experiments.max-seeds=50",
            "neuromod.experiments.max-agents=3",
            "neuromod.experiments.max-steps=100000"
        })
class ExperimentControllerTest {

    /** The service's body-size filter belongs to every web slice and reads the service limits. */
    @TestConfiguration
    @EnableConfigurationProperties(Limits.class)
    static class ServiceLimits {}

    private static final String VALIDATION = "/problems/validation";

    @Autowired
    private MockMvc mvc;

    private ResultActions run(String body) throws Exception {
        return mvc.perform(
                post("/experiments").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void runsEveryAgentOverTheSeedsAndReportsTheStatisticsOfTheSpecification() throws Exception {
        run("""
                        {"environment": "paper-bandit", "environmentParameters": {"blocks": 4, "blockLength": 100},
                         "seeds": 6, "seed": 1,
                         "agents": [{"label": "b", "agent": "boltzmann", "parameters": {}},
                                    {"label": "hot", "agent": "boltzmann", "parameters": {"temperature": 4}}]}
                        """)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.seed").value(1))
                .andExpect(jsonPath("$.seeds").value(6))
                .andExpect(jsonPath("$.steps").value(2 * 6 * 400))
                .andExpect(jsonPath("$.results", hasSize(2)))
                .andExpect(jsonPath("$.results[0].label").value("b"))
                .andExpect(jsonPath("$.results[0].agent").value("boltzmann"))
                .andExpect(jsonPath("$.results[1].parameters.temperature").value(4.0))
                .andExpect(jsonPath("$.results[0].cumulativeRegret.mean").isNumber())
                .andExpect(
                        jsonPath("$.results[0].cumulativeRegret.standardError").isNumber())
                .andExpect(jsonPath("$.results[0].finalBlockRegret.mean").isNumber())
                .andExpect(jsonPath("$.results[0].bestArmFraction.mean", lessThan(1.0)))
                .andExpect(jsonPath("$.results[0].switchAligned.offsets", hasSize(251)))
                .andExpect(jsonPath("$.results[0].switchAligned.offsets[0]").value(-50))
                .andExpect(jsonPath("$.results[0].switchAligned.learningRate[60]", closeTo(0.25, 1e-12)))
                .andExpect(jsonPath("$.results[0].switchAligned.temperature[60]", closeTo(0.25, 1e-12)))
                .andExpect(jsonPath("$.results[0].regretCurve.binStarts", hasSize(40)))
                .andExpect(jsonPath("$.results[0].comparisons[0].baseline").value("hot"))
                .andExpect(jsonPath("$.results[1].comparisons[0].baseline").value("b"))
                .andExpect(jsonPath("$.results[1].comparisons[0].welchPValue").isNumber())
                .andExpect(jsonPath("$.results[1].comparisons[0].pairedPValue").isNumber())
                .andExpect(jsonPath("$.results[0].perSeed").doesNotExist());
    }

    @Test
    void theSameSeedGivesTheSameResultsAndAMissingSeedIsChosenAndReported() throws Exception {
        String body = """
                {"environment": "reversal", "environmentParameters": {"blocks": 2, "blockLength": 50}, "seeds": 3,
                 %s "agents": [{"agent": "boltzmann"}]}""";
        String first =
                run(body.formatted("\"seed\": 5,")).andReturn().getResponse().getContentAsString();
        run(body.formatted("\"seed\": 5,"))
                .andExpect(jsonPath("$.results[0].cumulativeRegret.mean")
                        .value(com.jayway.jsonpath.JsonPath.<Double>read(first, "$.results[0].cumulativeRegret.mean")));
        run(body.formatted(""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.seed").isNumber())
                .andExpect(jsonPath("$.results[0].label").value("boltzmann"));
    }

    @Test
    void anUnknownEnvironmentIsRejected() throws Exception {
        run("""
                        {"environment": "casino", "seeds": 1, "agents": [{"agent": "boltzmann"}]}""")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(VALIDATION))
                .andExpect(jsonPath("$.errors", contains(containsString("unknown environment 'casino'"))));
    }

    @Test
    void invalidEnvironmentParametersAreRejectedWithEveryProblem() throws Exception {
        run("""
                        {"environment": "paper-bandit", "environmentParameters": {"blocks": 0, "colour": "red"},
                         "seeds": 1, "agents": [{"agent": "boltzmann"}]}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors", hasSize(2)))
                .andExpect(jsonPath("$.errors", hasItem(containsString("'blocks' must be within [1, 1000], was 0"))));
    }

    @Test
    void seedsMustBeBetweenOneAndTheConfiguredLimit() throws Exception {
        String body = """
                {"environment": "reversal", "seeds": %d, "agents": [{"agent": "boltzmann"}]}""";
        run(body.formatted(0)).andExpect(status().isBadRequest());
        run(body.formatted(51))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors", contains(containsString("max-seeds"))));
    }

    @Test
    void theNumberOfStepsIsLimited() throws Exception {
        run("""
                        {"environment": "reversal", "seeds": 30, "agents": [{"agent": "boltzmann"}]}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors", contains(containsString("120000 steps"))));
    }

    @Test
    void agentsMustBeGivenKnownAndUniquelyLabelledWithinTheLimit() throws Exception {
        run("""
                        {"environment": "reversal", "seeds": 1, "agents": []}""").andExpect(status().isBadRequest());
        run("""
                        {"environment": "reversal", "seeds": 1, "agents": [{"agent": "oracle-of-delphi"}]}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors", contains(containsString("unknown agent 'oracle-of-delphi'"))));
        run("""
                        {"environment": "reversal", "seeds": 1,
                         "agents": [{"agent": "boltzmann"}, {"label": "boltzmann", "agent": "boltzmann"}]}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors", contains(containsString("labels must be unique"))));
        run("""
                        {"environment": "reversal", "seeds": 1, "agents": [{"agent": "boltzmann", "label": "a"},
                         {"agent": "boltzmann", "label": "b"}, {"agent": "boltzmann", "label": "c"},
                         {"agent": "boltzmann", "label": "d"}]}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors", contains(containsString("max-agents"))));
    }

    @Test
    void clientInputInMessagesIsNeverInterpolated() throws Exception {
        run("""
                        {"environment": "${1+1}{max}", "seeds": 1, "agents": [{"agent": "boltzmann"}]}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors", contains(containsString("unknown environment '${1+1}{max}'"))));
    }

    @Test
    void invalidAgentParametersAreRejectedAsInvalidParametersOfThatAgent() throws Exception {
        run("""
                        {"environment": "reversal", "seeds": 1,
                         "agents": [{"agent": "boltzmann", "parameters": {"temperature": -1}}]}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(VALIDATION))
                .andExpect(jsonPath("$.agent").value("boltzmann"))
                .andExpect(jsonPath("$.errors", contains(containsString("'temperature' must be within"))));
    }
}
