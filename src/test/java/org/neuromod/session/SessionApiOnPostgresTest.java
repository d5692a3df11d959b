package org.neuromod.session;

import org.junit.jupiter.api.BeforeAll;
import org.neuromod.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The HTTP contract on PostgreSQL. */
class SessionApiOnPostgresTest extends SessionApiTest {

    @BeforeAll
    static void postgres() {
        TestDatabases.requirePostgres();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.freshPostgresSchema().forEach((key, value) -> registry.add(key, () -> value));
    }
}
