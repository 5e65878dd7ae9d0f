package io.parcelbell.contracts.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * For a service's tests: its properties bound as the local profile binds them, secrets included.
 */
public final class LocalStandIns {

  private LocalStandIns() {}

  /**
   * Binds {@code prefix} from the service's application.yml and application-local.yml and asserts
   * that the bound record's {@code toString} shows none of the local stand-ins for its secrets.
   */
  public static void assertToStringHidesSecrets(String prefix, Class<?> propertiesType) {
    var environment = new StandardEnvironment();
    List<String> secrets = new ArrayList<>();
    for (var source : load("application-local.yml")) {
      environment.getPropertySources().addFirst(source);
      for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
        secrets.add(String.valueOf(source.getProperty(name)));
      }
    }
    load("application.yml").forEach(environment.getPropertySources()::addLast);

    Object properties = Binder.get(environment).bind(prefix, propertiesType).get();

    assertThat(secrets).isNotEmpty();
    assertThat(properties.toString()).doesNotContain(secrets);
  }

  private static List<PropertySource<?>> load(String file) {
    try {
      return new YamlPropertySourceLoader().load(file, new ClassPathResource(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
