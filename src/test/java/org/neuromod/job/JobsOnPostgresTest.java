package org.neuromod.job;

import org.junit.jupiter.api.BeforeAll;
import org.neuromod.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The job engine on PostgreSQL. */
class JobsOnPostgresTest extends JobsTest {

    @BeforeAll
    static void postgres() {
        TestDatabases.requirePostgres();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.freshPostgresSchema().forEach((key, value) -> registry.add(key, () -> value));
    }
}
