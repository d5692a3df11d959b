package org.neuromod.web;

import java.util.Arrays;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON numbers in requests must be finite doubles: {@code NaN} and {@code Infinity} are not JSON,
 * and a literal too large for a double (such as {@code 1e400}) would silently become infinite, so
 * it is refused. Nothing is coerced: a number is not taken for a string, nor a string for a number
 * (see also {@code application.yml}). An object naming a member twice is refused at any depth,
 * rather than the last one silently winning ({@code {"agent":"a","agent":"b"}}).
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    /** A stream feature, which Spring Boot's {@code spring.jackson.*} properties do not reach. */
    @Bean
    JsonMapperBuilderCustomizer uniqueMembers() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    @Bean
    JsonMapperBuilderCustomizer finiteNumbers() {
        var module = new SimpleModule("finite-numbers");
        module.addDeserializer(Double.class, new FiniteDoubleDeserializer(Double.class));
        module.addDeserializer(Double.TYPE, new FiniteDoubleDeserializer(Double.TYPE));
        module.addDeserializer(double[].class, new FiniteDoubleArrayDeserializer());
        return builder -> builder.addModule(module)
                .withCoercionConfig(
                        LogicalType.Textual,
                        strings -> strings.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                // Jackson otherwise reads a string it deems blank (such as "\u0000", which String.trim
                // removes) as null for an Integer or Long field: a garbage seed or action became "absent".
                .withCoercionConfig(
                        LogicalType.Integer,
                        integers -> integers.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                                .setAcceptBlankAsEmpty(false));
    }

    /** An array of finite numbers, read into a primitive array (a batch's rewards may hold many). */
    private static final class FiniteDoubleArrayDeserializer extends StdDeserializer<double[]> {

        FiniteDoubleArrayDeserializer() {
            super(double[].class);
        }

        @Override
        public double[] deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.isExpectedStartArrayToken()) {
                return (double[]) context.handleUnexpectedToken(double[].class, parser);
            }
            double[] values = new double[16];
            int size = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                    return (double[]) context.handleUnexpectedToken(Double.TYPE, parser);
                }
                double value = parser.getDoubleValue();
                if (!Double.isFinite(value)) {
                    return (double[]) context.handleWeirdNumberValue(Double.TYPE, value, "must be a finite number");
                }
                if (size == values.length) {
                    values = Arrays.copyOf(values, 2 * size);
                }
                values[size++] = value;
            }
            return Arrays.copyOf(values, size);
        }
    }

    private static final class FiniteDoubleDeserializer extends StdDeserializer<Double> {

        FiniteDoubleDeserializer(Class<Double> type) {
            super(type);
        }

        @Override
        public Double deserialize(JsonParser parser, DeserializationContext context) {
            JsonToken token = parser.currentToken();
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                return (Double) context.handleUnexpectedToken(Double.class, parser);
            }
            double value = parser.getDoubleValue();
            if (!Double.isFinite(value)) {
                return (Double) context.handleWeirdNumberValue(Double.class, value, "must be a finite number");
            }
            return value;
        }
    }
}
