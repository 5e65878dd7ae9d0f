package io.parcelbell.contracts.audit;

/**
 * What a change was made to.
 *
 * @param type e.g. {@code notification}, {@code flow}, {@code destination}
 * @param id the target's id
 */
public record AuditTarget(String type, String id) {
  public AuditTarget {
    AuditRecorded.text(type, "target.type");
    AuditRecorded.text(id, "target.id");
  }
}
