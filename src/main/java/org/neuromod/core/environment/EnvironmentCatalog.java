package org.neuromod.core.environment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every simulated environment this product offers, by name. */
public final class EnvironmentCatalog {

    private static final Map<String, EnvironmentType> TYPES = index(List.of(PaperBandit.TYPE, Reversal.TYPE));

    private EnvironmentCatalog() {}

    /** Every environment type, in a stable order. */
    public static List<EnvironmentType> all() {
        return List.copyOf(TYPES.values());
    }

    public static Optional<EnvironmentType> find(String name) {
        return Optional.ofNullable(TYPES.get(name));
    }

    private static Map<String, EnvironmentType> index(List<EnvironmentType> types) {
        var byName = new LinkedHashMap<String, EnvironmentType>();
        types.forEach(type -> byName.put(type.name(), type));
        return byName;
    }
}
