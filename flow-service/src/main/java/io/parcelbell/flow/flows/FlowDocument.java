package io.parcelbell.flow.flows;

import io.parcelbell.flow.triggers.Trigger;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A flow: its current version and whether it starts runs. The versions themselves are immutable
 * ({@link FlowVersionDocument}); runs in flight keep the one they started with.
 *
 * @param trigger the current version's trigger, so the listener finds the flows of an event
 */
@Document(FlowDocument.COLLECTION)
public record FlowDocument(
    @Id String id,
    String name,
    Trigger trigger,
    int currentVersion,
    boolean enabled,
    Instant createdAt,
    Instant updatedAt,
    @Version Long version) {

  public static final String COLLECTION = "flows";
}
