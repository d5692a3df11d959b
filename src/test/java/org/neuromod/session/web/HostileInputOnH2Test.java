package org.neuromod.session.web;

import java.util.Map;

/** The hostile-input suite on the embedded H2 file database, the default with no settings. */
class HostileInputOnH2Test extends HostileInputTest {

    /** The default database, in the suite's own temporary data directory. */
    @Override
    Map<String, String> database() {
        return Map.of();
    }
}
