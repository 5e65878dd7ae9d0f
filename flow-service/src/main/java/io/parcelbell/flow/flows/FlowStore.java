package io.parcelbell.flow.flows;

import io.parcelbell.flow.triggers.Trigger;
import java.time.Instant;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Flows and their versions in MongoDB. A new version is inserted first (its id is unique), then the
 * flow moves to it only from the version the editor saw: two admins saving at once cannot both win.
 */
@Component
public class FlowStore {

  private final ReactiveMongoTemplate mongo;

  FlowStore(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  public Mono<FlowDocument> insert(FlowDocument flow, FlowVersionDocument first) {
    return mongo.insert(first).then(mongo.insert(flow));
  }

  public Mono<FlowVersionDocument> insertVersion(FlowVersionDocument version) {
    return mongo.insert(version);
  }

  /** Moves the flow to {@code version} if it is still at {@code from}; empty otherwise. */
  public Mono<FlowDocument> moveTo(
      String flowId, int from, int version, String name, Trigger trigger, Instant at) {
    return mongo.findAndModify(
        Query.query(Criteria.where("_id").is(flowId).and("currentVersion").is(from)),
        new Update()
            .set("currentVersion", version)
            .set("name", name)
            .set("trigger", trigger)
            .set("updatedAt", at)
            .inc("version", 1),
        FindAndModifyOptions.options().returnNew(true),
        FlowDocument.class);
  }

  /** Switches a flow on or off; empty when it already was. */
  public Mono<FlowDocument> switchTo(String flowId, boolean enabled, Instant at) {
    return mongo.findAndModify(
        Query.query(Criteria.where("_id").is(flowId).and("enabled").is(!enabled)),
        new Update().set("enabled", enabled).set("updatedAt", at).inc("version", 1),
        FindAndModifyOptions.options().returnNew(true),
        FlowDocument.class);
  }

  public Mono<FlowDocument> find(String flowId) {
    return mongo.findById(flowId, FlowDocument.class);
  }

  public Mono<FlowVersionDocument> version(String flowId, int version) {
    return mongo.findById(FlowVersionDocument.idOf(flowId, version), FlowVersionDocument.class);
  }

  public Flux<FlowDocument> all() {
    return mongo.find(
        new Query().with(Sort.by("createdAt", "_id")).limit(1_000), FlowDocument.class);
  }

  public Flux<FlowDocument> enabled() {
    return mongo.find(Query.query(Criteria.where("enabled").is(true)), FlowDocument.class);
  }

  public Mono<Void> removeVersion(FlowVersionDocument version) {
    return mongo.remove(version).then();
  }

  public Mono<Void> remove(FlowDocument flow, FlowVersionDocument first) {
    return mongo.remove(flow).then(mongo.remove(first)).then();
  }
}
