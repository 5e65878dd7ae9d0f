package io.parcelbell.localstack.services;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Copies a child's output line by line to its log file and, prefixed with its name, to our console;
 * keeps the last lines for the error message when it fails to start.
 */
final class OutputPump {

  private static final int TAIL_LINES = 60;

  private final String prefix;
  private final InputStream output;
  private final Writer file;
  private final PrintStream console;
  private final Deque<String> tail = new ArrayDeque<>();
  private final Thread thread;

  /**
   * @param console where to echo, or null to write the log file only
   */
  OutputPump(String name, InputStream output, Writer file, PrintStream console) {
    this.prefix = "[" + name + "] ";
    this.output = output;
    this.file = file;
    this.console = console;
    this.thread = new Thread(this::run, name + "-output");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Waits until the child's output ended (it exited) and every line was written. */
  void join(long millis) throws InterruptedException {
    thread.join(millis);
  }

  synchronized String tail() {
    return String.join(System.lineSeparator(), tail);
  }

  private void run() {
    try (file;
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        file.write(line);
        file.write(System.lineSeparator());
        file.flush();
        if (console != null) {
          console.println(prefix + line);
        }
        remember(line);
      }
    } catch (IOException e) {
      remember("(output lost: " + e + ")");
    }
  }

  private synchronized void remember(String line) {
    if (tail.size() == TAIL_LINES) {
      tail.removeFirst();
    }
    tail.addLast(line);
  }
}
