package io.parcelbell.flow.flows;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * One step of a flow, in order. JSON: {@code {"type": "delay", "duration": "PT2H"}} or {@code
 * {"type": "delay", "businessDays": 3, "at": "10:00"}}; {@code {"type": "exit", "shipmentReached":
 * ["RETURNED", "CANCELLED"]}}; {@code {"type": "webhook", "destinationId": "dst_…", "body": "{…}",
 * "headers": {"X-Order": "{{ metadata.orderId }}"}}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Step.Delay.class, name = "delay"),
  @JsonSubTypes.Type(value = Step.Exit.class, name = "exit"),
  @JsonSubTypes.Type(value = Step.Webhook.class, name = "webhook")
})
public sealed interface Step {

  /**
   * Waits: a fixed {@code duration}, or {@code businessDays} Korean business days then {@code at}
   * (Asia/Seoul). Exactly one of the two forms.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Delay(Duration duration, Integer businessDays, @JsonFormat(pattern = "HH:mm") LocalTime at)
      implements Step {}

  /**
   * Ends the run (state EXITED, with the reason) once the parcel has reached one of these shipment
   * statuses since the trigger, as far as this service has seen its shipment events. Checked where
   * it stands and again after every later delay.
   */
  record Exit(List<String> shipmentReached) implements Step {
    public Exit {
      shipmentReached = shipmentReached == null ? List.of() : List.copyOf(shipmentReached);
    }
  }

  /** POSTs the rendered {@code body} to the destination, signed, with the rendered headers. */
  record Webhook(String destinationId, String body, Map<String, String> headers) implements Step {
    public Webhook {
      headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
  }
}
