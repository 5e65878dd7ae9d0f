package io.parcelbell.flow.flows;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** A flow version's definition for the runs on it; versions never change, so they are cached. */
@Component
public class FlowVersions {

  private final FlowStore store;
  private final FlowDefinitions definitions;
  private final Cache<String, FlowDefinition> cache =
      Caffeine.newBuilder().maximumSize(2_000).build();

  FlowVersions(FlowStore store, FlowDefinitions definitions) {
    this.store = store;
    this.definitions = definitions;
  }

  public Mono<FlowDefinition> get(String flowId, int version) {
    String key = FlowVersionDocument.idOf(flowId, version);
    FlowDefinition cached = cache.getIfPresent(key);
    if (cached != null) {
      return Mono.just(cached);
    }
    return store
        .version(flowId, version)
        .map(definitions::read)
        .doOnNext(definition -> cache.put(key, definition));
  }
}
