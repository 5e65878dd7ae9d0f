package io.parcelbell.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What spring-boot:build-info wrote into the service's META-INF/build-info.properties. */
public final class BuildInfo {

  private BuildInfo() {}

  /** The Maven project's version, or null when the build wrote no build-info. */
  public static String version() {
    Properties properties = new Properties();
    try (InputStream in =
        Thread.currentThread()
            .getContextClassLoader()
            .getResourceAsStream("META-INF/build-info.properties")) {
      if (in == null) {
        return null;
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("build.version");
  }
}
