package org.neuromod.core.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neuromod.core.agent.baseline.Boltzmann;
import org.neuromod.core.agent.baseline.DiscountedThompson;
import org.neuromod.core.agent.baseline.DiscountedUcb;
import org.neuromod.core.agent.baseline.EpsilonGreedy;
import org.neuromod.core.agent.baseline.SlidingWindowUcb;
import org.neuromod.core.agent.neuromodulated.AleatoricOracle;
import org.neuromod.core.agent.neuromodulated.FullOracle;
import org.neuromod.core.agent.neuromodulated.NeuromodulatedAgent;

/** Every agent type this product offers, by name. */
public final class AgentCatalog {

    private static final Map<String, AgentType> TYPES = index(List.of(
            NeuromodulatedAgent.TYPE,
            AleatoricOracle.TYPE,
            FullOracle.TYPE,
            Boltzmann.TYPE,
            DiscountedUcb.TYPE,
            SlidingWindowUcb.TYPE,
            DiscountedThompson.TYPE,
            EpsilonGreedy.TYPE));

    private AgentCatalog() {}

    /** Every agent type, in a stable order. */
    public static List<AgentType> all() {
        return List.copyOf(TYPES.values());
    }

    public static Optional<AgentType> find(String name) {
        return Optional.ofNullable(TYPES.get(name));
    }

    private static Map<String, AgentType> index(List<AgentType> types) {
        var byName = new LinkedHashMap<String, AgentType>();
        types.forEach(type -> byName.put(type.name(), type));
        return byName;
    }
}
