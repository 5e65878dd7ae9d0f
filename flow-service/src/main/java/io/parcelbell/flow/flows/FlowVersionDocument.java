package io.parcelbell.flow.flows;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One saved version of a flow, never changed afterwards. The definition is kept as the API's JSON,
 * exactly as validated, so what runs is what was checked.
 *
 * @param id {@code <flowId>:<version>}
 */
@Document(FlowVersionDocument.COLLECTION)
public record FlowVersionDocument(
    @Id String id,
    String flowId,
    int version,
    String definition,
    Instant createdAt,
    String createdBy) {

  public static final String COLLECTION = "flow_versions";

  public static String idOf(String flowId, int version) {
    return flowId + ":" + version;
  }
}
