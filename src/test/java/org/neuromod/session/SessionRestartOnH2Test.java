package org.neuromod.session;

import java.util.Map;
import org.neuromod.TestDatabases;

/** Restart on the embedded H2 file database. */
class SessionRestartOnH2Test extends SessionRestartTest {

    @Override
    Map<String, String> database() {
        return TestDatabases.freshH2();
    }
}
