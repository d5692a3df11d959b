package org.neuromod.session.web;

import java.util.Map;
import org.neuromod.TestDatabases;

/**
 * The hostile-input suite on PostgreSQL, which refuses some text H2 stores (a NUL in a label was
 * a 500 here while H2 took it).
 */
class HostileInputOnPostgresTest extends HostileInputTest {

    @Override
    Map<String, String> database() {
        TestDatabases.requirePostgres();
        return TestDatabases.freshPostgresSchema();
    }
}
