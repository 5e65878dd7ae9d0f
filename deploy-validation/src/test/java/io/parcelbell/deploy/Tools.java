package io.parcelbell.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** External commands (kubectl, docker-compose) run from the repository root. */
final class Tools {

  /** deploy-validation's parent: Surefire runs with the module directory as working directory. */
  static final Path REPO = Path.of("").toAbsolutePath().getParent();

  private Tools() {}

  static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  record Result(int exitCode, String stdout, String stderr) {}

  static Result run(List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("deploy-validation", ".out");
    Path err = Files.createTempFile("deploy-validation", ".err");
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(REPO.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(command + " did not finish in 120 s");
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
