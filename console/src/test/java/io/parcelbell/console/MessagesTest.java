package io.parcelbell.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Both languages are complete, and every message a template names exists. */
class MessagesTest {

  private static final Pattern LITERAL_KEY = Pattern.compile("#\\{([a-zA-Z0-9_.]+)[}(]");

  @Test
  void koreanAndEnglishHaveTheSameKeys() throws IOException {
    assertThat(keys("messages_en.properties")).isEqualTo(keys("messages.properties"));
  }

  @Test
  void everyKeyATemplateNamesExists() throws IOException {
    Set<String> known = keys("messages.properties");
    Set<String> named = new TreeSet<>();
    try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
      for (Path template : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
        Matcher m = LITERAL_KEY.matcher(Files.readString(template));
        while (m.find()) {
          named.add(m.group(1));
        }
      }
    }
    assertThat(named).isNotEmpty();
    assertThat(known).containsAll(named);
  }

  @Test
  void noEnglishValueIsLeftInKorean() throws IOException {
    Properties korean = load("messages.properties");
    Properties english = load("messages_en.properties");
    for (String key : korean.stringPropertyNames()) {
      String ko = korean.getProperty(key);
      // Brand and channel names are the same in both; everything else is translated.
      if (!key.startsWith("channel.") || key.equals("channel.ALIMTALK")) {
        assertThat(ko).as(key).isNotEqualTo(english.getProperty(key));
      }
    }
  }

  private static Set<String> keys(String bundle) throws IOException {
    return new TreeSet<>(load(bundle).stringPropertyNames());
  }

  private static Properties load(String bundle) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = MessagesTest.class.getResourceAsStream("/" + bundle)) {
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties;
  }
}
