package io.parcelbell.flow.templates;

import io.pebbletemplates.pebble.extension.Extension;
import io.pebbletemplates.pebble.extension.ExtensionCustomizer;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.Test;
import io.pebbletemplates.pebble.tokenParser.TokenParser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The part of Pebble a flow template may use, applied to every extension Pebble registers: the
 * {@code if} tag and no other (no include, extends, import, macro, set, for: nothing that reads
 * other templates or loops), no functions, the filters listed in {@link #FILTERS} (no {@code raw}:
 * it would switch the JSON escaping off), and the value tests. Everything else is an unknown name,
 * refused when the flow is saved.
 */
final class RestrictedSyntax extends ExtensionCustomizer {

  static final String ESCAPE = "escape";
  static final Set<String> TAGS = Set.of("if");
  static final Set<String> FILTERS =
      Set.of(
          "default",
          "upper",
          "lower",
          "capitalize",
          "trim",
          "abbreviate",
          "length",
          ESCAPE,
          ParcelbellFilters.KST,
          ParcelbellFilters.JSON,
          ParcelbellFilters.MASK);
  static final Set<String> TESTS = Set.of("null", "empty", "defined", "even", "odd");

  RestrictedSyntax(Extension extension) {
    super(extension);
  }

  @Override
  public List<TokenParser> getTokenParsers() {
    List<TokenParser> parsers = super.getTokenParsers();
    return parsers == null
        ? null
        : parsers.stream().filter(p -> TAGS.contains(p.getTag())).collect(Collectors.toList());
  }

  @Override
  public Map<String, Filter> getFilters() {
    // escape stays: autoescaping is that filter applied to every printed value. Called by hand
    // with another strategy it still cannot add JSON: html, js, css and url_param all escape the
    // double quote (at worst the body stops being valid JSON, which the save-time check and the
    // send-time check refuse).
    return only(super.getFilters(), FILTERS);
  }

  @Override
  public Map<String, Test> getTests() {
    return only(super.getTests(), TESTS);
  }

  @Override
  public Map<String, Function> getFunctions() {
    return null;
  }

  @Override
  public Map<String, Object> getGlobalVariables() {
    return null;
  }

  private static <T> Map<String, T> only(Map<String, T> all, Set<String> allowed) {
    if (all == null) {
      return null;
    }
    return all.entrySet().stream()
        .filter(e -> allowed.contains(e.getKey()))
        .collect(
            Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, HashMap::new));
  }
}
