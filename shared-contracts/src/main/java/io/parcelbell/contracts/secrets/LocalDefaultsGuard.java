package io.parcelbell.contracts.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Profiles;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Refuses to start a service outside the {@code local} profile while one of its secrets is unset, a
 * placeholder, or still the stand-in the service ships for developers.
 *
 * <p>Every key of the service's {@code application-local.yml} is such a stand-in: that file holds
 * nothing else, so the list of guarded settings cannot drift from the defaults it guards. Runs as
 * an environment post-processor, after the configuration files are read and before any bean binds
 * them, so the refusal names the settings instead of a binding error about the first of them.
 */
public final class LocalDefaultsGuard implements EnvironmentPostProcessor, Ordered {

  static final String LOCAL_PROFILE = "local";
  static final String LOCAL_DEFAULTS = "application-local.yml";
  static final String PLACEHOLDER_PREFIX = "replace-me";

  @Override
  public int getOrder() {
    return ConfigDataEnvironmentPostProcessor.ORDER + 1;
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    ResourceLoader loader =
        application.getResourceLoader() != null
            ? application.getResourceLoader()
            : new DefaultResourceLoader(application.getClassLoader());
    check(environment, loader.getResource(ResourceLoader.CLASSPATH_URL_PREFIX + LOCAL_DEFAULTS));
  }

  static void check(ConfigurableEnvironment environment, Resource localDefaults) {
    if (!localDefaults.exists() || environment.acceptsProfiles(Profiles.of(LOCAL_PROFILE))) {
      return;
    }
    Binder binder = Binder.get(environment);
    List<RefusedSetting> refused = new ArrayList<>();
    localStandIns(localDefaults)
        .forEach(
            (name, standIn) -> {
              List<String> values =
                  binder.bind(name, Bindable.listOf(String.class)).orElse(List.of());
              RefusedSetting.of(name, values, standIn).ifPresent(refused::add);
            });
    if (!refused.isEmpty()) {
      throw new LocalDefaultsRefusedException(refused);
    }
  }

  /** Setting name → the local stand-in, read from the local profile's file. */
  private static Map<String, String> localStandIns(Resource localDefaults) {
    try {
      Map<String, String> standIns = new TreeMap<>();
      new YamlPropertySourceLoader()
          .load(LOCAL_DEFAULTS, localDefaults).stream()
              .filter(EnumerablePropertySource.class::isInstance)
              .map(EnumerablePropertySource.class::cast)
              .forEach(
                  source -> {
                    for (String name : new TreeSet<>(List.of(source.getPropertyNames()))) {
                      // A list stand-in (name[0]) guards the list as a whole.
                      standIns.put(
                          name.replaceAll("\\[\\d+]$", ""),
                          String.valueOf(source.getProperty(name)));
                    }
                  });
      return standIns;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + LOCAL_DEFAULTS, e);
    }
  }
}
