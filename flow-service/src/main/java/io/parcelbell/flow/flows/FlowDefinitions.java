package io.parcelbell.flow.flows;

import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** A version's definition to and from the JSON it is stored as (the API's own mapping). */
@Component
public class FlowDefinitions {

  private final ObjectMapper json;

  FlowDefinitions(ObjectMapper json) {
    this.json = json;
  }

  public String write(FlowDefinition definition) {
    return json.writeValueAsString(definition);
  }

  public FlowDefinition read(FlowVersionDocument version) {
    return json.readValue(version.definition(), FlowDefinition.class);
  }
}
