package io.parcelbell.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class RawBodyReaderTest {

  private static final int LIMIT = 1024;
  private final NettyDataBufferFactory buffers =
      new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT);
  private final RawBodyReader reader = new RawBodyReader(LIMIT);

  private NettyDataBuffer buffer(int size, byte fill) {
    byte[] bytes = new byte[size];
    java.util.Arrays.fill(bytes, fill);
    return buffers.wrap(Unpooled.wrappedBuffer(bytes));
  }

  @Test
  void joinsTheChunksIntoTheExactBytesSent() {
    var chunks =
        List.of(
            buffers.wrap(Unpooled.wrappedBuffer("{\"a\":".getBytes(StandardCharsets.UTF_8))),
            buffers.wrap(Unpooled.wrappedBuffer(" \"배송\"}".getBytes(StandardCharsets.UTF_8))));

    StepVerifier.create(reader.read(Flux.<DataBuffer>fromIterable(chunks), -1))
        .assertNext(
            bytes ->
                assertThat(bytes).isEqualTo("{\"a\": \"배송\"}".getBytes(StandardCharsets.UTF_8)))
        .verifyComplete();
    assertThat(chunks).allSatisfy(b -> assertThat(b.getNativeBuffer().refCnt()).isZero());
  }

  @Test
  void readsAnEmptyBodyAsNoBytes() {
    StepVerifier.create(reader.read(Flux.empty(), 0))
        .assertNext(bytes -> assertThat(bytes).isEmpty())
        .verifyComplete();
  }

  @Test
  void acceptsABodyOfExactlyTheLimit() {
    StepVerifier.create(
            reader.read(Flux.just(buffer(LIMIT - 1, (byte) 'a'), buffer(1, (byte) 'b')), -1))
        .assertNext(bytes -> assertThat(bytes).hasSize(LIMIT))
        .verifyComplete();
  }

  @Test
  void failsAsSoonAsTheLimitIsCrossedWithoutWaitingForTheEnd() {
    NettyDataBuffer first = buffer(LIMIT - 10, (byte) 'a');
    NettyDataBuffer crossing = buffer(20, (byte) 'b');
    AtomicBoolean cancelled = new AtomicBoolean();
    // The body never ends: only rejecting while streaming can answer at all.
    Flux<DataBuffer> endless =
        Flux.<DataBuffer>just(first, crossing)
            .concatWith(Flux.never())
            .doOnCancel(() -> cancelled.set(true));

    StepVerifier.create(reader.read(endless, -1))
        .expectError(PayloadTooLargeException.class)
        .verify(Duration.ofSeconds(5));
    assertThat(cancelled).isTrue();
    assertThat(first.getNativeBuffer().refCnt()).isZero();
    assertThat(crossing.getNativeBuffer().refCnt()).isZero();
  }

  @Test
  void refusesADeclaredOversizeBodyBeforeReadingIt() {
    AtomicBoolean subscribed = new AtomicBoolean();
    MockServerHttpRequest request =
        MockServerHttpRequest.post("/api/webhook/delivery")
            .contentLength(LIMIT + 1)
            .body(Flux.<DataBuffer>never().doOnSubscribe(s -> subscribed.set(true)));

    StepVerifier.create(reader.read(request))
        .expectError(PayloadTooLargeException.class)
        .verify(Duration.ofSeconds(5));
    assertThat(subscribed).isFalse();
  }
}
