package org.neuromod.live;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.neuromod.TestDatabases;

/** The event stream on PostgreSQL, where instances share the database. */
class EventStreamOnPostgresTest extends EventStreamTest {

    @BeforeAll
    static void postgres() {
        TestDatabases.requirePostgres();
    }

    @Override
    Map<String, String> database() {
        return TestDatabases.freshPostgresSchema();
    }
}
