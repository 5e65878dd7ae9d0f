package io.parcelbell.console.flows;

import io.parcelbell.console.api.FlowApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The flow editor's form as typed ({@code id} the flow's, none for a new one). The filter and the
 * steps are JSON (the API's own shape, shown in the README): this reads them, says a syntax error
 * beside its field with the line and column, and otherwise leaves every judgement to the API, which
 * checks the draft exactly as it would on save.
 */
public record FlowDraft(
    String id, String name, String trigger, String personalData, String filter, String steps) {

  /** The fields the editor shows errors beside, in its order; anything else goes on top. */
  static final List<String> FIELDS = List.of("name", "trigger", "personalData", "filter", "steps");

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** A new flow: a sensible start an admin edits (no filter, one webhook step to fill in). */
  static FlowDraft blank() {
    return new FlowDraft(
        null,
        "",
        "SHIPMENT_STATUS_CHANGED",
        "MASKED",
        "",
        """
        [
          {"type": "webhook", "destinationId": "",
           "body": "{\\"order\\": {{ metadata.orderId | json }}}"}
        ]""");
  }

  /** A saved flow as the editor shows it, the JSON indented. */
  static FlowDraft of(FlowApi.Flow flow) {
    return new FlowDraft(
        flow.id(),
        flow.name(),
        flow.trigger(),
        flow.personalData(),
        flow.filter() == null || flow.filter().isNull()
            ? ""
            : JSON.writeValueAsString(flow.filter()),
        flow.steps() == null ? "[]" : JSON.writeValueAsString(flow.steps()));
  }

  /** The JSON syntax errors, as the API would name their paths. */
  List<FlowApi.FieldError> syntaxErrors() {
    List<FlowApi.FieldError> errors = new ArrayList<>();
    parse("filter", filter, errors);
    parse("steps", steps, errors);
    return errors;
  }

  boolean isNew() {
    return id == null || id.isBlank();
  }

  /** The request body the API takes (call when {@link #syntaxErrors} is empty). */
  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("trigger", blankToNull(trigger));
    body.put("personalData", blankToNull(personalData));
    body.put("filter", parse("filter", filter, new ArrayList<>()));
    body.put("steps", parse("steps", steps, new ArrayList<>()));
    return body;
  }

  /** Each error under the field its path starts with; those of no field under "". */
  static Map<String, List<FlowApi.FieldError>> byField(List<FlowApi.FieldError> errors) {
    Map<String, List<FlowApi.FieldError>> byField = new LinkedHashMap<>();
    for (FlowApi.FieldError error : errors) {
      String path = error.path() == null ? "" : error.path();
      String field =
          FIELDS.stream()
              .filter(f -> path.equals(f) || path.startsWith(f + ".") || path.startsWith(f + "["))
              .findFirst()
              .orElse("");
      byField.computeIfAbsent(field, f -> new ArrayList<>()).add(error);
    }
    return byField;
  }

  private static JsonNode parse(String field, String text, List<FlowApi.FieldError> errors) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (JacksonException e) {
      var at = e.getLocation();
      errors.add(
          new FlowApi.FieldError(
              field,
              "INVALID_JSON",
              at == null
                  ? e.getOriginalMessage()
                  : "line %d, column %d: %s"
                      .formatted(at.getLineNr(), at.getColumnNr(), e.getOriginalMessage())));
      return null;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
