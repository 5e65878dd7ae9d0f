package io.parcelbell.contracts.audit;

/**
 * Who made a change.
 *
 * @param subject the token's {@code sub}: stable, what to search by
 * @param name the person's display name ({@code name}, else {@code preferred_username}); may be
 *     null for a program
 * @param clientId the OAuth client the token was issued to ({@code azp} or {@code client_id}); may
 *     be null
 */
public record AuditActor(String subject, String name, String clientId) {
  public AuditActor {
    AuditRecorded.text(subject, "actor.subject");
  }
}
