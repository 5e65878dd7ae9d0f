package io.parcelbell.notifier.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Bizgo's omni send API on a MockWebServer. Like the local sandbox it decides by the recipient: an
 * Alimtalk to a number ending in 3060 is refused synchronously with A306; everything else is
 * accepted (A000 + msgKey). Like the real Bizgo, an idempotency key that was accepted before is
 * answered A301 with the earlier msgKey and sends nothing. Tests can script server errors for one
 * notification ({@link #failNext}) or take the whole server down ({@link #goDown}). Every request
 * is recorded with what it was answered, so tests can find theirs by {@code ref}.
 */
public final class FakeBizgo {

  /** {@code answer} is the code the request got: A000, A301, A306, HTTP_500, DISCONNECTED... */
  public record Request(String authorization, String path, JsonNode body, String answer) {
    public String ref() {
      return body.path("ref").asString();
    }

    public String idempotencyKey() {
      return body.path("idempotencyKey").asString();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INQUIRY_PATH = "/api/comm/v1/report/inquiry/";
  private final MockWebServer server = new MockWebServer();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger msgKeys = new AtomicInteger();
  private final Map<String, String> acceptedKeys = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> scriptedFailures = new ConcurrentHashMap<>();
  private final Map<String, Integer> scriptedStatus = new ConcurrentHashMap<>();
  private volatile boolean down;
  private volatile boolean credentialsRejected;
  private final AtomicInteger probes = new AtomicInteger();
  private final Map<String, java.time.Duration> delays = new ConcurrentHashMap<>();

  public static FakeBizgo start() {
    FakeBizgo fake = new FakeBizgo();
    fake.server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return fake.answer(request);
          }
        });
    try {
      fake.server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return fake;
  }

  public String baseUrl() {
    return server.url("/").toString().replaceAll("/$", "");
  }

  public List<Request> requestsFor(String ref) {
    return requests.stream().filter(r -> ref.equals(r.ref())).toList();
  }

  /** Every request so far, in the order they arrived. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests answered A000 (real sends), in the order they arrived. */
  public List<Request> accepted() {
    return requests.stream().filter(r -> "A000".equals(r.answer())).toList();
  }

  /** How many requests with this idempotency key were accepted (A000, a real send). */
  public long sendsWithKey(String idempotencyKey) {
    return requests.stream()
        .filter(r -> idempotencyKey.equals(r.idempotencyKey()) && "A000".equals(r.answer()))
        .count();
  }

  /** The next {@code times} requests for the notification {@code ref} get HTTP {@code status}. */
  public void failNext(String ref, int times, int status) {
    scriptedStatus.put(ref, status);
    scriptedFailures.put(ref, new AtomicInteger(times));
  }

  /** Until {@link #comeBack}, every connection is dropped before an answer: Bizgo unreachable. */
  public void goDown() {
    down = true;
  }

  public void comeBack() {
    down = false;
  }

  /** Until {@link #acceptCredentials}, every request is answered HTTP 401, A401 (a wrong key). */
  public void rejectCredentials() {
    credentialsRejected = true;
  }

  public void acceptCredentials() {
    credentialsRejected = false;
  }

  /** Requests for the notification {@code ref} are answered only after {@code delay}. */
  public void answerSlowly(String ref, java.time.Duration delay) {
    delays.put(ref, delay);
  }

  /** How many report lookups (credentials probes) arrived. */
  public int probes() {
    return probes.get();
  }

  private MockResponse answer(RecordedRequest recorded) {
    if (recorded.getPath() != null && recorded.getPath().startsWith(INQUIRY_PATH)) {
      probes.incrementAndGet();
      return credentialsRejected
          ? unauthorized()
          : new MockResponse()
              .setResponseCode(404)
              .setHeader("Content-Type", "application/json")
              .setBody("{\"common\":{\"authCode\":\"A000\"},\"data\":{\"code\":\"A404\"}}");
    }
    JsonNode body;
    try {
      body = JSON.readTree(recorded.getBody().readUtf8());
    } catch (JacksonException e) {
      return new MockResponse().setResponseCode(400);
    }
    String authorization = recorded.getHeader("Authorization");
    String path = recorded.getPath();
    String ref = body.path("ref").asString();
    if (down) {
      requests.add(new Request(authorization, path, body, "DISCONNECTED"));
      return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START);
    }
    if (credentialsRejected) {
      requests.add(new Request(authorization, path, body, "A401"));
      return unauthorized();
    }
    AtomicInteger failures = scriptedFailures.get(ref);
    if (failures != null && failures.getAndDecrement() > 0) {
      int status = scriptedStatus.get(ref);
      requests.add(new Request(authorization, path, body, "HTTP_" + status));
      return new MockResponse().setResponseCode(status);
    }
    String to = body.at("/destinations/0/to").asString();
    String key = body.path("idempotencyKey").asString();
    String earlier = acceptedKeys.get(key);
    if (earlier != null) {
      requests.add(new Request(authorization, path, body, "A301"));
      return json("A301", to, "\"" + earlier + "\"", "A000", ref);
    }
    boolean alimtalk = body.at("/messageFlow/0").has("alimtalk");
    String code = alimtalk && to.endsWith("3060") ? "A306" : "A000";
    String msgKey = null;
    if ("A000".equals(code)) {
      msgKey = "mk-" + msgKeys.incrementAndGet();
      acceptedKeys.put(key, msgKey);
    }
    requests.add(new Request(authorization, path, body, code));
    MockResponse response =
        json("A000", to, msgKey == null ? "null" : "\"" + msgKey + "\"", code, ref);
    java.time.Duration delay = delays.get(ref);
    return delay == null
        ? response
        : response.setHeadersDelay(delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  private static MockResponse unauthorized() {
    return new MockResponse()
        .setResponseCode(401)
        .setHeader("Content-Type", "application/json")
        .setBody("{\"common\":{\"authCode\":\"A401\",\"authResult\":\"invalid key\"}}");
  }

  private static MockResponse json(
      String dataCode, String to, String msgKey, String destinationCode, String ref) {
    return new MockResponse()
        .setHeader("Content-Type", "application/json")
        .setBody(
            """
            {"common":{"authCode":"A000","authResult":"Success"},
             "data":{"code":"%s","result":"r",
                     "data":{"destinations":[{"to":"%s","msgKey":%s,"code":"%s","result":"r"}]},
                     "ref":"%s"}}
            """
                .formatted(dataCode, to, msgKey, destinationCode, ref));
  }
}
