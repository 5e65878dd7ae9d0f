package io.parcelbell.flow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Flows: operator-defined reactions to parcelbell's events (a trigger, filters, delays, exit
 * conditions) that end in signed, retried webhooks to a shop's other tools.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FlowApplication {

  public static void main(String[] args) {
    SpringApplication.run(FlowApplication.class, args);
  }
}
