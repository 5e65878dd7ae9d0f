package io.parcelbell.authserver;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Profiles;

/**
 * This provider's users, passwords and client secrets are printed in the local stack's banner: it
 * must never serve anything but a developer's machine, so it refuses to start without the {@code
 * local} profile (registered in META-INF/spring.factories, so it runs before any bean exists).
 */
final class LocalProfileOnly implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    if (!event.getEnvironment().acceptsProfiles(Profiles.of("local"))) {
      throw new IllegalStateException(
          "auth-server is the development identity provider (dev users, printed passwords and"
              + " client secrets) and runs only with the 'local' profile"
              + " (--spring.profiles.active=local, as ./run-local starts it). Outside a developer's"
              + " machine, sign in through your company's OpenID Connect provider (README"
              + " \"Access\").");
    }
  }
}
