package org.neuromod;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The neuromod-agents service: stateful bandit agents behind {@code /act} and {@code /feedback}. */
@SpringBootApplication
public class NeuromodAgentsApplication {

    public static void main(String[] args) {
        SpringApplication.run(NeuromodAgentsApplication.class, args);
    }
}
