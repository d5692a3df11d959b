package org.neuromod.session.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Arrays;
import java.util.List;
import org.neuromod.core.agent.Signals;

@Schema(
        name = "Signals",
        description = "The agent's latent quantities in the paper's terms. A quantity the agent does not define is"
                + " null (for example, boltzmann has no uncertainties).")
record SignalsBody(
        @Schema(description = "Acetylcholine: the learning rate α.", nullable = true)
        Double learningRate,

        @Schema(description = "Noradrenaline: the softmax temperature T = 1/β, stimulation included.", nullable = true)
        Double temperature,

        @Schema(description = "Expected (aleatoric) uncertainty A.", nullable = true)
        Double expectedUncertainty,

        @Schema(description = "Unexpected (epistemic) uncertainty E.", nullable = true)
        Double unexpectedUncertainty,

        @Schema(description = "The agent's value estimate per arm, index = arm.")
        List<Double> values) {

    static SignalsBody of(Signals signals) {
        return new SignalsBody(
                finite(signals.learningRate()),
                finite(signals.temperature()),
                finite(signals.expectedUncertainty()),
                finite(signals.unexpectedUncertainty()),
                Arrays.stream(signals.values()).mapToObj(SignalsBody::finite).toList());
    }

    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
