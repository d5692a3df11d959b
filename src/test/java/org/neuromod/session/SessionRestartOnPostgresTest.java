package org.neuromod.session;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.neuromod.TestDatabases;

/** Restart on PostgreSQL. */
class SessionRestartOnPostgresTest extends SessionRestartTest {

    @BeforeAll
    static void postgres() {
        TestDatabases.requirePostgres();
    }

    @Override
    Map<String, String> database() {
        return TestDatabases.freshPostgresSchema();
    }
}
