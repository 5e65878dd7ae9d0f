package io.parcelbell.ingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The byte-exact samples in {@code shared/vectors} (beside the {@code main} checkout; surefire runs
 * in the module directory) and an independent signer for tests that need fresh signatures.
 */
public final class Vectors {

  public static final Path DIR = Path.of("../../shared/vectors");
  public static final String SECRET = "local-deliveryapi-secret";
  public static final String TIMESTAMP = "1767225600";
  public static final Instant SIGNED_AT = Instant.ofEpochSecond(1767225600L);
  public static final String COMPACT_SIGNATURE =
      "sha256=eb7e8a28e5aae48e9cbffbb0a6de02c5bc92fe1c6d936ed40144109d9159669e";
  public static final String PRETTY_SIGNATURE =
      "sha256=96dcb647fa0740b40ca5c1df8035a04768d8e25f5def75b44c6a3a2d5e2a3501";

  private Vectors() {}

  public static byte[] compactBody() {
    return read("deliveryapi-webhook.body.json");
  }

  public static byte[] prettyBody() {
    return read("deliveryapi-webhook.pretty.body.json");
  }

  private static byte[] read(String name) {
    try {
      return Files.readAllBytes(DIR.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException("test vectors expected at " + DIR.toAbsolutePath(), e);
    }
  }

  /** {@code sha256=} + lower-case hex HMAC-SHA256(secret, "{timestamp}.{body}"). */
  public static String sign(String secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
