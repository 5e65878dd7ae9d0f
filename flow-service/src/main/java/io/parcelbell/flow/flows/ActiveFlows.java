package io.parcelbell.flow.flows;

import io.parcelbell.flow.triggers.Trigger;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The enabled flows at their current versions, by trigger: what the trigger listener matches each
 * event against. Re-read every few seconds (so a change saved on another replica applies here
 * within that time) and at once after a change made here.
 */
@Component
public class ActiveFlows {

  /** An enabled flow at the version new runs start on. */
  public record ActiveFlow(String flowId, int version, FlowDefinition definition) {}

  private static final Logger log = LoggerFactory.getLogger(ActiveFlows.class);

  private final FlowStore store;
  private final FlowDefinitions definitions;
  private volatile Map<Trigger, List<ActiveFlow>> byTrigger = Map.of();
  private volatile boolean loaded;

  ActiveFlows(FlowStore store, FlowDefinitions definitions) {
    this.store = store;
    this.definitions = definitions;
  }

  /**
   * The flows an event of {@code trigger} starts. Reads MongoDB on first use, so a listener never
   * matches against an empty list only because the first refresh has not run yet.
   */
  public List<ActiveFlow> of(Trigger trigger) {
    if (!loaded) {
      refresh();
    }
    return byTrigger.getOrDefault(trigger, List.of());
  }

  @Scheduled(fixedDelayString = "${parcelbell.flow.active-flows-refresh:5s}")
  public void refresh() {
    try {
      List<ActiveFlow> flows =
          store
              .enabled()
              .concatMap(
                  flow ->
                      store
                          .version(flow.id(), flow.currentVersion())
                          .map(v -> new ActiveFlow(flow.id(), v.version(), definitions.read(v))))
              .collectList()
              .block(Duration.ofSeconds(30));
      Map<Trigger, List<ActiveFlow>> grouped = new EnumMap<>(Trigger.class);
      grouped.putAll(flows.stream().collect(Collectors.groupingBy(f -> f.definition().trigger())));
      byTrigger = grouped;
      loaded = true;
    } catch (RuntimeException e) {
      if (!loaded) {
        throw e;
      }
      log.warn("active flows not re-read (keeping the last list): {}", e.toString());
    }
  }
}
