package org.neuromod.fit;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the fits' limits. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FitLimits.class)
class FitConfiguration {}
