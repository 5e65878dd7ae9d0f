package io.parcelbell.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.ClassUtils;

/**
 * Every {@code @Scheduled} method of a service and the scheduler's threads its application.yml
 * gives it ({@code spring.task.scheduling.pool.size}, Spring Boot's default 1). The services'
 * schedules block their thread while they run (a sweep, a release, a relay), so with fewer threads
 * than schedules one that takes minutes holds the others back.
 */
public final class SchedulingThreads {

  private SchedulingThreads() {}

  /**
   * "Class.method" of every scheduled method of the classes under {@code basePackage}: every class,
   * not only components, as a schedule may live in a class a {@code @Bean} method makes.
   */
  public static List<String> schedules(String basePackage) {
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter((reader, factory) -> true);
    List<String> scheduled = new ArrayList<>();
    for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
      Class<?> type =
          ClassUtils.resolveClassName(
              candidate.getBeanClassName(), ClassUtils.getDefaultClassLoader());
      for (Method method : type.getDeclaredMethods()) {
        if (method.isAnnotationPresent(Scheduled.class)) {
          scheduled.add(type.getSimpleName() + "." + method.getName());
        }
      }
    }
    return scheduled;
  }

  /** Fails unless the pool has a thread for every schedule under {@code basePackage}. */
  public static void assertAThreadPerSchedule(String basePackage) {
    List<String> schedules = schedules(basePackage);
    if (schedules.isEmpty() || poolSize() < schedules.size()) {
      throw new AssertionError(
          "spring.task.scheduling.pool.size is %d for the schedules %s"
              .formatted(poolSize(), schedules));
    }
  }

  /** The pool size application.yml sets, or Spring Boot's default of one thread. */
  public static int poolSize() {
    try {
      for (var source :
          new YamlPropertySourceLoader()
              .load("application.yml", new ClassPathResource("application.yml"))) {
        Object size = source.getProperty("spring.task.scheduling.pool.size");
        if (size != null) {
          return Integer.parseInt(size.toString());
        }
      }
      return 1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
