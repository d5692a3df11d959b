package org.neuromod.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Cross-origin resource sharing for browser tasks, off unless {@code neuromod.cors.allowed-origins}
 * lists origins. The listed origins may call every API path with the methods and headers the API
 * uses; no credentials are involved, and browsers may cache a preflight for 30 minutes.
 */
@Configuration(proxyBeanMethods = false)
// Registers its settings itself, so that test slices loading web configuration find them too.
@EnableConfigurationProperties(CorsSettings.class)
class CrossOriginConfiguration implements WebMvcConfigurer {

    static final long PREFLIGHT_CACHE_SECONDS = 1800;

    private final CorsSettings settings;

    CrossOriginConfiguration(CorsSettings settings) {
        this.settings = settings;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (!settings.enabled()) {
            return;
        }
        registry.addMapping("/**")
                .allowedOrigins(settings.allowedOrigins().toArray(String[]::new))
                .allowedMethods("GET", "POST", "DELETE")
                .allowedHeaders("Content-Type", "Accept")
                .exposedHeaders("Location")
                .allowCredentials(false)
                .maxAge(PREFLIGHT_CACHE_SECONDS);
    }
}
