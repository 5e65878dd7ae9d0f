package io.parcelbell.localstack;

import io.parcelbell.localstack.demo.Demo;
import io.parcelbell.localstack.demo.FlowDemo;
import io.parcelbell.localstack.demo.SampleRequest;
import io.parcelbell.localstack.dlt.DltReplayCommand;
import io.parcelbell.localstack.sandbox.BizgoSandbox;
import io.parcelbell.localstack.sandbox.SandboxCommand;
import io.parcelbell.localstack.services.ServiceSpec;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar local-stack.jar [options]} runs the whole stack until Ctrl-C; {@code ... demo
 * [options]} sends one notification through a running stack. Options: see {@link StackOptions}.
 */
public final class LocalStack {

  private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

  private static final String USAGE =
      String.join(
          "\n",
          "usage: ./run-local [demo|flow-demo|infra|sandbox|dlt-replay] [--option=value ...]",
          "  (no command)  run Kafka, MongoDB-wire, the Bizgo sandbox, the four services and the console until Ctrl-C",
          "  demo          send one signed DELIVERED webhook to a running stack and follow it until SENT",
          "  flow-demo     set up a flow (dead letters to the sandbox's webhook receiver), make a dead",
          "                letter, and follow it until the signed delivery arrived and verified",
          "  infra         run only Kafka, MongoDB-wire and the Bizgo sandbox, and print the java -jar",
          "                command of each service, to run the jars by hand against them",
          "  sandbox       run only the Bizgo sandbox (its own options: sandbox --help)",
          "  dlt-replay    count, then (--apply) move back, the records parked on a dead-letter topic",
          "                (its own options: dlt-replay --help)",
          "options (defaults): --kafka-port=9092 --kafka-controller-port=9093 --mongo-port=27017",
          "  --sandbox-port=8090 --ingest-port=8081 --notifier-port=8082 --report-port=8083 --flow-port=8084",
          "  --console-port=8085 --auth-port=9000",
          "  --repo-dir=. --data-dir=<repo-dir>/.local-data --readiness-timeout=PT3M",
          "  --echo-service-output=false (true: also print the service logs here) --webhook-secret=local-deliveryapi-secret");

  private LocalStack() {}

  public static void main(String[] args) throws Exception {
    PrintStream console = System.out;
    Clock clock = Clock.systemUTC();
    String command = args.length > 0 && !args[0].startsWith("--") ? args[0] : "";
    boolean demo = command.equals("demo");
    boolean flowDemo = command.equals("flow-demo");
    boolean infraOnly = command.equals("infra");
    if (command.equals("sandbox")) {
      runSandbox(Arrays.asList(args).subList(1, args.length), clock, console);
      return;
    }
    if (command.equals("dlt-replay")) {
      System.exit(DltReplayCommand.run(Arrays.asList(args).subList(1, args.length), console));
      return;
    }
    if (!command.isEmpty() && !demo && !flowDemo && !infraOnly) {
      console.println("unknown command " + command + "\n" + USAGE);
      System.exit(2);
      return;
    }
    List<String> rest = Arrays.asList(args).subList(command.isEmpty() ? 0 : 1, args.length);
    StackOptions options;
    try {
      options = StackOptions.parse(rest);
    } catch (IllegalArgumentException e) {
      boolean help = rest.contains("--help");
      console.println(help ? USAGE : e.getMessage() + "\n" + USAGE);
      System.exit(help ? 0 : 2);
      return;
    }
    if (demo) {
      System.exit(new Demo(options, clock, console).run());
    }
    if (flowDemo) {
      System.exit(new FlowDemo(options, clock, console).run());
    }
    run(options, clock, console, infraOnly);
  }

  private static void runSandbox(List<String> args, Clock clock, PrintStream console)
      throws InterruptedException {
    BizgoSandbox sandbox;
    try {
      sandbox = SandboxCommand.start(args, clock);
    } catch (IllegalArgumentException e) {
      boolean help = args.contains("--help");
      console.println(help ? SandboxCommand.USAGE : e.getMessage() + "\n" + SandboxCommand.USAGE);
      System.exit(help ? 0 : 2);
      return;
    } catch (RuntimeException e) {
      log.error("the Bizgo sandbox did not start: {}", e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM (docker stop) or Ctrl-C: close the server, then let main return.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("stopping the Bizgo sandbox");
                  sandbox.close();
                  stopped.countDown();
                },
                "bizgo-sandbox-shutdown"));
    stopped.await();
  }

  private static void run(StackOptions options, Clock clock, PrintStream console, boolean infraOnly)
      throws InterruptedException {
    Stack stack = new Stack(options, clock, console, !infraOnly);
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean signalled = new AtomicBoolean();
    // Registered before anything starts: Ctrl-C (SIGINT) or SIGTERM, even during startup, stops
    // every part already up, so no child JVM outlives us.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  signalled.set(true);
                  log.info("stopping the local stack");
                  stack.close();
                  stopped.countDown();
                },
                "local-stack-shutdown"));
    try {
      stack.start();
    } catch (RuntimeException e) {
      if (!signalled.get()) { // a real failure, not Ctrl-C during startup
        log.error("the local stack did not start: {}", e.getMessage());
      }
      System.exit(1);
    }
    console.println(infraOnly ? infraBanner(options) : banner(options));
    stopped.await();
  }

  static String infraBanner(StackOptions o) {
    StringBuilder text =
        new StringBuilder(
            String.join(
                "\n",
                "",
                "parcelbell infrastructure is ready (Ctrl-C stops it; data in " + o.dataDir() + ")",
                "  Kafka (KRaft)     " + o.kafkaBootstrapServers(),
                "  MongoDB wire      " + o.mongoUri(""),
                "  Bizgo sandbox     " + o.sandboxUrl(),
                "",
                "Run each service in its own terminal, from " + o.repoDir() + ":",
                ""));
    for (ServiceSpec service : Stack.services(o)) {
      text.append("  java -jar ")
          .append(o.repoDir().relativize(service.jar()))
          .append(' ')
          .append(String.join(" ", service.args()))
          .append('\n');
    }
    return text.toString();
  }

  static String banner(StackOptions o) {
    return String.join(
        "\n",
        "",
        "parcelbell local stack is ready (Ctrl-C stops everything; data in " + o.dataDir() + ")",
        "  console           "
            + o.consoleUrl()
            + "   (the operators' web UI: sign in as viewer / viewer-local,"
            + " operator / operator-local or admin / admin-local)",
        "  ingest-service    " + o.ingestUrl() + "   (POST /api/webhook/delivery)",
        "  notifier-service  " + o.notifierUrl(),
        "  report-service    "
            + o.reportUrl()
            + "   (GET /api/notifications, POST /webhook/bizgo/report)",
        "  flow-service      "
            + o.flowUrl()
            + "   (/api/destinations, /api/flows, /api/runs; ./run-local flow-demo)",
        "  Bizgo sandbox     "
            + o.sandboxUrl()
            + "   (phone ending 4016: no KakaoTalk, 9999: all fail, 0000: no report)",
        "  webhook receiver  "
            + o.receiverUrl("<name>")
            + "   (a flow destination; GET /receiver shows what arrived, signature verified)",
        "  OpenID provider   "
            + o.authUrl()
            + "   (issuer; sign in as viewer / viewer-local, operator / operator-local,"
            + " admin / admin-local)",
        "                    clients: shop-orders / local-shop-orders-secret (shipments:write),"
            + " parcelbell-cli / local-cli-secret (VIEWER),"
            + " parcelbell-ops / local-ops-secret (OPERATOR),"
            + " parcelbell-admin / local-admin-secret (ADMIN)",
        "  Kafka (KRaft)     " + o.kafkaBootstrapServers(),
        "  MongoDB wire      " + o.mongoUri(""),
        "  service logs      " + o.dataDir().resolve("logs"),
        "",
        "Send a signed DELIVERED webhook and read the history (or run ./run-local demo):",
        "",
        SampleRequest.render(o),
        "",
        "A token from the OpenID provider, and a call with it:",
        "",
        tokenRequest(o),
        "");
  }

  /** Client credentials for parcelbell-cli (VIEWER), then the history API with the token. */
  static String tokenRequest(StackOptions o) {
    return String.join(
        "\n",
        "TOKEN=$(curl -sS -u parcelbell-cli:local-cli-secret -d grant_type=client_credentials \\",
        "  " + o.authUrl() + "/oauth2/token | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')",
        "curl -sS -H \"Authorization: Bearer $TOKEN\" \""
            + o.reportUrl()
            + "/api/notifications?limit=5\"; echo");
  }
}
