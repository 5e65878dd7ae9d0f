package io.parcelbell.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The first path segment of everything the console serves, read from its sources: each controller
 * mapping and each folder of static files (the Ingress routes them one by one).
 */
final class ConsolePaths {

  private static final Pattern MAPPING =
      Pattern.compile("@(?:Get|Post|Put|Delete|Request)Mapping\\(\\s*\"(/[^/\"{]*)");

  private ConsolePaths() {}

  static Set<String> served(Path main) {
    Set<String> paths = new TreeSet<>();
    try (Stream<Path> sources = Files.walk(main.resolve("java"))) {
      sources
          .filter(p -> p.toString().endsWith(".java"))
          .forEach(
              source -> {
                Matcher m = MAPPING.matcher(read(source));
                while (m.find()) {
                  paths.add(m.group(1));
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Stream<Path> statics = Files.list(main.resolve("resources").resolve("static"))) {
      statics.filter(Files::isDirectory).forEach(dir -> paths.add("/" + dir.getFileName()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (paths.size() < 5) {
      throw new IllegalStateException("found too few console paths in " + main + ": " + paths);
    }
    return paths;
  }

  private static String read(Path source) {
    try {
      return Files.readString(source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
