package org.neuromod.session.jdbc;

import org.junit.jupiter.api.BeforeAll;
import org.neuromod.TestDatabases;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The SQL of sessions and trials on PostgreSQL, with one statement per write of a single trial. */
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class JdbcSessionRepositoryOnPostgresTest extends JdbcSessionRepositoryTest {

    @BeforeAll
    static void postgres() {
        TestDatabases.requirePostgres();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.freshPostgresSchema().forEach((key, value) -> registry.add(key, () -> value));
    }
}
