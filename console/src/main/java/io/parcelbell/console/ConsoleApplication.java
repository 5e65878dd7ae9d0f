package io.parcelbell.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The operators' console: pages over report-service's and flow-service's APIs. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsoleApplication {

  public static void main(String[] args) {
    SpringApplication.run(ConsoleApplication.class, args);
  }
}
