package io.parcelbell.notifier;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Decides what to tell a shop's customer about a parcel and sends it through Bizgo. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotifierApplication {

  public static void main(String[] args) {
    SpringApplication.run(NotifierApplication.class, args);
  }
}
