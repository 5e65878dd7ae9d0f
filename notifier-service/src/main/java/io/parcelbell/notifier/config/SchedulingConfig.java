package io.parcelbell.notifier.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** For the release of held notifications (parcelbell.notifier.quiet-hours.release-interval). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfig {}
