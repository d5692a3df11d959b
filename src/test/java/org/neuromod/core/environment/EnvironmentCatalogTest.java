package org.neuromod.core.environment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvironmentCatalogTest {

    @Test
    void listsThePaperBanditAndTheReversalTaskByName() {
        assertThat(EnvironmentCatalog.all())
                .extracting(EnvironmentType::name)
                .containsExactly("paper-bandit", "reversal");
        assertThat(EnvironmentCatalog.find("reversal")).containsSame(Reversal.TYPE);
        assertThat(EnvironmentCatalog.find("casino")).isEmpty();
    }
}
