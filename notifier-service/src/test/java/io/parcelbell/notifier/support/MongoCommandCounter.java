package io.parcelbell.notifier.support;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records every command the service sends to MongoDB, so a test can count the round trips one
 * notification cost: the commands whose text names its id (a read by id, an insert, a conditional
 * update, the shipment's {@code _id $in} read).
 */
@TestConfiguration(proxyBeanMethods = false)
public class MongoCommandCounter {

  /** Not data commands: the driver's handshakes, heartbeats and cursor bookkeeping. */
  private static final Set<String> DATA_COMMANDS =
      Set.of("find", "insert", "update", "findAndModify", "delete", "aggregate", "count");

  private final List<String> commands = new CopyOnWriteArrayList<>();

  @Bean
  MongoClientSettingsBuilderCustomizer commandCounting() {
    CommandListener listener =
        new CommandListener() {
          @Override
          public void commandStarted(CommandStartedEvent event) {
            if (DATA_COMMANDS.contains(event.getCommandName())) {
              commands.add(event.getCommandName() + " " + event.getCommand().toJson());
            }
          }
        };
    return settings -> settings.addCommandListener(listener);
  }

  @Bean
  MongoCommandCounter mongoCommands() {
    return this;
  }

  /** The commands (name and text) that mention {@code text}, in the order they were sent. */
  public List<String> mentioning(String text) {
    return commands.stream().filter(command -> command.contains(text)).toList();
  }
}
