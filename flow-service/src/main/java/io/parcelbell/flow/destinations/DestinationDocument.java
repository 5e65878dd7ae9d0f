package io.parcelbell.flow.destinations;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A destination as stored: the URL (a Slack incoming-webhook URL is itself a credential), secrets
 * and header values encrypted ({@link SecretCipher}); headers as a list because a header name may
 * hold a dot, which MongoDB field names may not.
 *
 * @param shownUrl the URL as the API and the audit log show it: scheme, host and port only
 * @param pendingActivity activity events Kafka has not taken yet: kept through an admin's save,
 *     which writes the whole document
 * @param failingSince since when every delivery attempt failed (null while one succeeds)
 */
@Document(DestinationDocument.COLLECTION)
public record DestinationDocument(
    @Id String id,
    String name,
    String url,
    String shownUrl,
    List<Header> headers,
    Integer rateLimitPerSecond,
    String secret,
    String previousSecret,
    Instant previousSecretUntil,
    boolean enabled,
    String disabledReason,
    Instant disabledAt,
    Instant failingSince,
    Instant createdAt,
    Instant updatedAt,
    List<io.parcelbell.flow.activity.PendingActivity> pendingActivity,
    @Version Long version) {

  public static final String COLLECTION = "destinations";

  /** A static header: its value encrypted. */
  public record Header(String name, String value) {}
}
