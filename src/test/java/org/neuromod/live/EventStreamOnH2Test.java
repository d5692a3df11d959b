package org.neuromod.live;

import java.util.Map;
import org.neuromod.TestDatabases;

/** The event stream on the embedded H2 file database. */
class EventStreamOnH2Test extends EventStreamTest {

    @Override
    Map<String, String> database() {
        return TestDatabases.freshH2();
    }
}
