package io.parcelbell.notifier.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Bizgo's omni send API on a MockWebServer. Like the local sandbox it decides by the recipient: an
 * Alimtalk to a number ending in 3060 is refused synchronously with A306; everything else is
 * accepted (A000 + msgKey). Every request is recorded so tests can find theirs by {@code ref}.
 */
public final class FakeBizgo {

  public record Request(String authorization, String path, JsonNode body) {
    public String ref() {
      return body.path("ref").asText();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final MockWebServer server = new MockWebServer();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger msgKeys = new AtomicInteger();

  static FakeBizgo start() {
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

  private MockResponse answer(RecordedRequest recorded) {
    JsonNode body;
    try {
      body = JSON.readTree(recorded.getBody().readUtf8());
    } catch (IOException e) {
      return new MockResponse().setResponseCode(400);
    }
    requests.add(new Request(recorded.getHeader("Authorization"), recorded.getPath(), body));
    String to = body.at("/destinations/0/to").asText();
    boolean alimtalk = body.at("/messageFlow/0").has("alimtalk");
    String code = alimtalk && to.endsWith("3060") ? "A306" : "A000";
    String msgKey = "A000".equals(code) ? "\"mk-" + msgKeys.incrementAndGet() + "\"" : "null";
    return new MockResponse()
        .setHeader("Content-Type", "application/json")
        .setBody(
            """
            {"common":{"authCode":"A000","authResult":"Success"},
             "data":{"code":"A000","result":"Success",
                     "data":{"destinations":[{"to":"%s","msgKey":%s,"code":"%s","result":"r"}]},
                     "ref":"%s"}}
            """
                .formatted(to, msgKey, code, body.path("ref").asText()));
  }
}
