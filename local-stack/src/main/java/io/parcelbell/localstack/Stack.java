package io.parcelbell.localstack;

import io.parcelbell.localstack.kafka.KafkaBroker;
import io.parcelbell.localstack.mongo.MongoWireServer;
import io.parcelbell.localstack.sandbox.BizgoSandbox;
import io.parcelbell.localstack.sandbox.SandboxConfig;
import io.parcelbell.localstack.services.ServiceSpec;
import io.parcelbell.localstack.services.ServiceSupervisor;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole local stack: broker, MongoDB-wire server, Bizgo sandbox, then the local OpenID Connect
 * provider, the four services and the console.
 */
public final class Stack implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Stack.class);

  /**
   * Started parts, newest first, so closing stops the services before the infrastructure they use.
   */
  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  private final StackOptions options;
  private final Clock clock;
  private final PrintStream console;
  private final boolean withServices;
  private boolean closed;

  public Stack(StackOptions options, Clock clock, PrintStream console) {
    this(options, clock, console, true);
  }

  /**
   * With {@code withServices} false only the infrastructure starts (broker, MongoDB-wire server,
   * sandbox), for running the service jars by hand against it.
   */
  public Stack(StackOptions options, Clock clock, PrintStream console, boolean withServices) {
    this.options = options;
    this.clock = clock;
    this.console = console;
    this.withServices = withServices;
  }

  /**
   * Starts everything and returns once every service is ready; on failure, stops what had started.
   * It may be {@link #close() closed} from another thread meanwhile (Ctrl-C during startup): then
   * nothing outlives it.
   */
  public void start() {
    List<ServiceSpec> services = withServices ? services(options) : List.of();
    ServiceSupervisor.requireJars(services);
    try {
      Path data = options.dataDir();
      register(
          KafkaBroker.start(
              data.resolve("kafka"), options.kafkaPort(), options.kafkaControllerPort()));
      register(
          MongoWireServer.start(
              data.resolve("mongo").resolve("parcelbell.mv"), options.mongoPort()));
      URI reports = URI.create(options.reportUrl() + "/webhook/bizgo/report");
      register(BizgoSandbox.start(SandboxConfig.defaults(options.sandboxPort(), reports), clock));
      if (services.isEmpty()) {
        return;
      }
      ServiceSupervisor supervisor = register(new ServiceSupervisor());
      // The OpenID provider first: the console reads its discovery document when it starts.
      supervisor.startAll(
          services.subList(0, 1),
          data,
          console,
          options.echoServiceOutput(),
          options.readinessTimeout());
      supervisor.startAll(
          services.subList(1, services.size()),
          data,
          console,
          options.echoServiceOutput(),
          options.readinessTimeout());
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  /**
   * The command line of each service: standard Spring properties plus the parcelbell.* contract
   * keys.
   */
  public static final String LOCAL_PROFILE = "--spring.profiles.active=local";

  public static List<ServiceSpec> services(StackOptions o) {
    return List.of(
        authServer(o),
        service(o, "ingest-service", o.ingestPort(), List.of()),
        service(
            o,
            "notifier-service",
            o.notifierPort(),
            List.of(
                "--spring.mongodb.uri=" + o.mongoUri("parcelbell-notifier"),
                "--parcelbell.notifier.bizgo.base-url=" + o.sandboxUrl())),
        service(
            o,
            "report-service",
            o.reportPort(),
            List.of(
                "--spring.mongodb.uri=" + o.mongoUri("parcelbell-report"),
                "--parcelbell.report.bizgo.base-url=" + o.sandboxUrl(),
                // The dashboard's figures once a minute, not every 10 s: the MongoDB-wire server
                // has no secondary indexes, so each count reads the whole history (on a real
                // MongoDB it reads what changed, through the updatedAt index).
                "--parcelbell.report.overview.count-interval=60s")),
        service(
            o,
            "flow-service",
            o.flowPort(),
            List.of(
                "--spring.mongodb.uri=" + o.mongoUri("parcelbell-flow"),
                // The sandbox's webhook receiver is on this machine: loopback is allowed here,
                // never in production (the address policy refuses it by default).
                "--parcelbell.flow.allowed-destinations=127.0.0.1/32,::1/128,localhost")),
        console(o));
  }

  /**
   * The operators' console: signs people in with the local provider (its registered redirect is
   * {@code <consoleUrl>/login/oauth2/code/parcelbell}) and calls report- and flow-service with
   * their tokens. No Kafka, no MongoDB.
   */
  private static ServiceSpec console(StackOptions o) {
    String name = "console";
    List<String> args = new ArrayList<>();
    args.add("--server.port=" + o.consolePort());
    args.add(LOCAL_PROFILE);
    args.add("--spring.security.oauth2.client.provider.parcelbell.issuer-uri=" + o.authUrl());
    args.add("--parcelbell.console.report-url=" + o.reportUrl());
    args.add("--parcelbell.console.flow-url=" + o.flowUrl());
    args.addAll(o.extraArgsOf(name));
    return new ServiceSpec(name, jarOf(o, name), o.consolePort(), args);
  }

  /**
   * The local OpenID Connect provider, first: the services find its keys through its discovery
   * document. Ready once that document answers (it has no actuator).
   */
  private static ServiceSpec authServer(StackOptions o) {
    String name = "auth-server";
    List<String> args = new ArrayList<>();
    args.add("--server.port=" + o.authPort());
    args.add(LOCAL_PROFILE);
    args.add("--spring.security.oauth2.authorizationserver.issuer=" + o.authUrl());
    // The console's redirect on whichever port it runs (--console-port).
    String console = "--spring.security.oauth2.authorizationserver.client.parcelbell-console.";
    args.add(
        console + "registration.redirect-uris=" + o.consoleUrl() + "/login/oauth2/code/parcelbell");
    args.add(console + "registration.post-logout-redirect-uris=" + o.consoleUrl() + "/");
    args.addAll(o.extraArgsOf(name));
    return new ServiceSpec(
        name, jarOf(o, name), o.authPort(), args, "/.well-known/openid-configuration");
  }

  private static ServiceSpec service(StackOptions o, String name, int port, List<String> extra) {
    Path jar = jarOf(o, name);
    List<String> args = new ArrayList<>();
    args.add("--server.port=" + port);
    // The local stand-ins for secrets (each service's application-local.yml), refused elsewhere.
    args.add(LOCAL_PROFILE);
    args.add("--spring.kafka.bootstrap-servers=" + o.kafkaBootstrapServers());
    // The services with an API accept tokens from the stack's own provider only.
    args.add("--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + o.authUrl());
    List<String> tests = o.extraArgsOf(name);
    // A test's setting replaces the stack's own: Spring joins a key given twice on the command
    // line ("60s,1s") rather than taking the last.
    extra.stream().filter(arg -> tests.stream().noneMatch(t -> sameKey(t, arg))).forEach(args::add);
    args.addAll(tests);
    return new ServiceSpec(name, jar, port, args);
  }

  private static boolean sameKey(String one, String other) {
    int a = one.indexOf('=');
    int b = other.indexOf('=');
    return a > 0 && b > 0 && one.substring(0, a).equals(other.substring(0, b));
  }

  private static Path jarOf(StackOptions o, String name) {
    return o.repoDir().resolve(name).resolve("target").resolve(name + "-" + o.version() + ".jar");
  }

  private synchronized <T extends AutoCloseable> T register(T part) {
    if (closed) {
      closeQuietly(part);
      throw new IllegalStateException("the stack was stopped while it was starting");
    }
    started.push(part);
    return part;
  }

  /**
   * Stops the services, then the sandbox, MongoDB and the broker; one failing part does not keep
   * the rest up.
   */
  @Override
  public void close() {
    List<AutoCloseable> parts;
    synchronized (this) {
      closed = true;
      parts = List.copyOf(started);
      started.clear();
    }
    parts.forEach(Stack::closeQuietly);
  }

  private static void closeQuietly(AutoCloseable part) {
    try {
      part.close();
    } catch (Exception e) {
      log.warn("stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
    }
  }
}
