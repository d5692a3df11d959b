package org.neuromod.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParametersTest {

    private static final List<ParameterSpec> SPECS = List.of(
            ParameterSpec.Numeric.real("rate", 0.5, 0, 1, "A rate."),
            ParameterSpec.Numeric.whole("size", 20, 1, 100, "A size."),
            new ParameterSpec.Choice("mode", "fast", List.of("fast", "exact"), "A mode."));

    private static Parameters resolve(Map<String, ?> given) {
        return Parameters.resolve("test-agent", SPECS, given);
    }

    private static List<String> problems(Map<String, ?> given) {
        try {
            resolve(given);
        } catch (InvalidParameters e) {
            assertThat(e.agent()).isEqualTo("test-agent");
            assertThat(e.getMessage())
                    .isEqualTo("invalid parameters for agent 'test-agent': " + String.join("; ", e.problems()));
            return e.problems();
        }
        throw new AssertionError("expected InvalidParameters for " + given);
    }

    @Test
    void fillsDefaultsInDeclarationOrder() {
        var parameters = resolve(Map.of());

        assertThat(parameters.asMap())
                .containsExactly(Map.entry("rate", 0.5), Map.entry("size", 20.0), Map.entry("mode", "fast"));
        assertThat(parameters.whole("size")).isEqualTo(20);
        assertThat(parameters.choice("mode")).isEqualTo("fast");
    }

    @Test
    void acceptsAnyNumberTypeAndTheBoundsThemselves() {
        var parameters = resolve(Map.of("rate", 1, "size", 100L, "mode", "exact"));

        assertThat(parameters.number("rate")).isEqualTo(1.0);
        assertThat(parameters.whole("size")).isEqualTo(100);
        assertThat(parameters.choice("mode")).isEqualTo("exact");
        assertThat(resolve(Map.of("rate", 0.0f, "size", 1.0)).number("rate")).isZero();
    }

    @Test
    void rejectsUnknownNamesListingTheKnownOnes() {
        assertThat(problems(Map.of("speed", 1)))
                .containsExactly("unknown parameter 'speed' for agent 'test-agent'; known: [rate, size, mode]");
    }

    @Test
    void rejectsOutOfRangeValuesWithTheRange() {
        assertThat(problems(Map.of("rate", 1.5))).containsExactly("'rate' must be within [0, 1], was 1.5");
        assertThat(problems(Map.of("rate", -1e-9))).containsExactly("'rate' must be within [0, 1], was -1.0E-9");
        assertThat(problems(Map.of("size", 0))).containsExactly("'size' must be within [1, 100], was 0");
    }

    @Test
    void rejectsNonFiniteValues() {
        assertThat(problems(Map.of("rate", Double.NaN))).containsExactly("'rate' must be finite, was NaN");
        assertThat(problems(Map.of("size", Double.POSITIVE_INFINITY)))
                .containsExactly("'size' must be finite, was Infinity");
    }

    @Test
    void rejectsValuesOfTheWrongKind() {
        var nullRate = new HashMap<String, Object>();
        nullRate.put("rate", null);

        assertThat(problems(Map.of("rate", "0.5"))).containsExactly("'rate' must be a number, was \"0.5\"");
        assertThat(problems(nullRate)).containsExactly("'rate' must be a number, was null");
        assertThat(problems(Map.of("mode", 3))).containsExactly("'mode' must be one of [fast, exact], was 3");
        assertThat(problems(Map.of("mode", "slow")))
                .containsExactly("'mode' must be one of [fast, exact], was \"slow\"");
    }

    @Test
    void rejectsNonWholeValuesOfWholeParameters() {
        assertThat(problems(Map.of("size", 2.5))).containsExactly("'size' must be a whole number, was 2.5");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThat(problems(Map.of("rate", 2, "size", 2.5, "mode", "slow", "extra", true)))
                .containsExactly(
                        "unknown parameter 'extra' for agent 'test-agent'; known: [rate, size, mode]",
                        "'rate' must be within [0, 1], was 2",
                        "'size' must be a whole number, was 2.5",
                        "'mode' must be one of [fast, exact], was \"slow\"");
    }

    @Test
    void equalValuesAreEqualParameters() {
        assertThat(resolve(Map.of("rate", 1))).isEqualTo(resolve(Map.of("rate", 1.0)));
        assertThat(resolve(Map.of("rate", 1))).hasSameHashCodeAs(resolve(Map.of("rate", 1.0)));
        assertThat(resolve(Map.of("rate", 1))).isNotEqualTo(resolve(Map.of()));
    }

    @Test
    void askingForAnUndeclaredParameterFails() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> resolve(Map.of()).number("missing"))
                .withMessage("no parameter 'missing'");
    }

    @Test
    void specsRejectDefaultsOutsideTheirRange() {
        assertThatThrownBy(() -> ParameterSpec.Numeric.real("rate", 2, 0, 1, "A rate."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("default of rate outside its range");
        assertThatThrownBy(() -> new ParameterSpec.Choice("mode", "slow", List.of("fast"), "A mode."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("default of mode not among its choices");
    }
}
