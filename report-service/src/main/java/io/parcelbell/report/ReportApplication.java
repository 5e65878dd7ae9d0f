package io.parcelbell.report;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Bizgo delivery reports in; the notification history (a MongoDB projection of the lifecycle
 * events) and its query API.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReportApplication {

  public static void main(String[] args) {
    SpringApplication.run(ReportApplication.class, args);
  }
}
