package org.neuromod.session;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The collaborators of the session service that are not components themselves. */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    /** Enough stripes that concurrent sessions rarely share one. */
    private static final int LOCK_STRIPES = 4096;

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SessionCache sessionCache(SessionCacheSettings settings) {
        return new SessionCache(settings.maxBytes());
    }

    @Bean
    SessionLocks sessionLocks() {
        return new SessionLocks(LOCK_STRIPES);
    }
}
