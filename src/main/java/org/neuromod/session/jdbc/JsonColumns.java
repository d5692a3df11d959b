package org.neuromod.session.jdbc;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuromod.core.agent.Signals;
import org.neuromod.session.Labels;
import org.neuromod.session.Metadata;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes the JSON-valued columns. Signals are stored with {@code null} for a quantity the agent
 * does not define (NaN in memory), so every stored document is plain JSON.
 */
final class JsonColumns {

    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, String>> STRINGS = new TypeReference<>() {};

    private final JsonMapper json = JsonMapper.builder().build();

    private record StoredSignals(
            Double learningRate,
            Double temperature,
            Double expectedUncertainty,
            Double unexpectedUncertainty,
            List<Double> values) {}

    String signals(Signals signals) {
        return json.writeValueAsString(new StoredSignals(
                orNull(signals.learningRate()),
                orNull(signals.temperature()),
                orNull(signals.expectedUncertainty()),
                orNull(signals.unexpectedUncertainty()),
                Arrays.stream(signals.values()).mapToObj(JsonColumns::orNull).toList()));
    }

    Signals signals(String text) {
        StoredSignals stored = json.readValue(text, StoredSignals.class);
        return new Signals(
                orNaN(stored.learningRate()),
                orNaN(stored.temperature()),
                orNaN(stored.expectedUncertainty()),
                orNaN(stored.unexpectedUncertainty()),
                stored.values().stream().mapToDouble(JsonColumns::orNaN).toArray());
    }

    String doubles(double[] values) {
        return json.writeValueAsString(values);
    }

    double[] doubles(String text) {
        return json.readValue(text, double[].class);
    }

    String metadata(Metadata metadata) {
        return json.writeValueAsString(metadata.values());
    }

    Metadata metadata(String text) {
        return Metadata.restore(json.readValue(text, OBJECT));
    }

    String labels(Labels labels) {
        return json.writeValueAsString(labels.values());
    }

    Labels labels(String text) {
        return new Labels(json.readValue(text, STRINGS));
    }

    String object(Map<String, Object> values) {
        return json.writeValueAsString(values);
    }

    Map<String, Object> object(String text) {
        return json.readValue(text, OBJECT);
    }

    private static Double orNull(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
