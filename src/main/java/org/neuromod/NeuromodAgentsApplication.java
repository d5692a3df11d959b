package org.neuromod;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The neuromod-agents service: stateful bandit agents behind {@code /act} and {@code /feedback}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NeuromodAgentsApplication {

    public static void main(String[] args) {
        SpringApplication.run(NeuromodAgentsApplication.class, args);
    }
}
