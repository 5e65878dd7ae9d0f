package io.parcelbell.ingest.webhook;

import java.io.ByteArrayOutputStream;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the request body as the exact bytes sent (the signature covers them), refusing it as soon
 * as it grows past the limit: an oversized or endless body never sits in memory in full.
 */
final class RawBodyReader {

  private final int maxBytes;

  RawBodyReader(int maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    this.maxBytes = maxBytes;
  }

  Mono<byte[]> read(ServerHttpRequest request) {
    long declared = request.getHeaders().getContentLength();
    if (declared > maxBytes) {
      // Honest senders declare their size: refuse before reading a single byte.
      return Mono.error(new PayloadTooLargeException(maxBytes));
    }
    return read(request.getBody(), declared);
  }

  Mono<byte[]> read(Flux<DataBuffer> body, long sizeHint) {
    int initialCapacity = sizeHint > 0 ? (int) sizeHint : 4096;
    return Mono.defer(
        () -> {
          long[] received = {0};
          // map, not handle: with context-propagation "limited", handle() restores the request's
          // trace on the thread for every buffer, which this check does not need.
          return body.map(
                  buffer -> {
                    received[0] += buffer.readableByteCount();
                    if (received[0] > maxBytes) {
                      DataBufferUtils.release(buffer);
                      throw new PayloadTooLargeException(maxBytes);
                    }
                    return buffer;
                  })
              .collect(
                  () -> new ByteArrayOutputStream(initialCapacity),
                  (out, buffer) -> {
                    try {
                      byte[] chunk = new byte[buffer.readableByteCount()];
                      buffer.read(chunk);
                      out.writeBytes(chunk);
                    } finally {
                      DataBufferUtils.release(buffer);
                    }
                  })
              .map(ByteArrayOutputStream::toByteArray)
              .doOnDiscard(DataBuffer.class, DataBufferUtils::release);
        });
  }
}
