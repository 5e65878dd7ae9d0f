package io.parcelbell.flow.templates;

import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentMetadata;
import io.parcelbell.flow.templates.FlowTemplates.Kind;
import io.parcelbell.flow.templates.TemplateVariables.PersonalData;
import io.parcelbell.flow.triggers.SampleEvents;
import io.parcelbell.flow.triggers.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a webhook step's templates when the flow is saved, so nothing is discovered at send time:
 * each compiles, names only the trigger's variables, and renders — against a sample event with
 * every field set and one with every optional field empty — to valid JSON (the body) or to a header
 * value. Header names must be HTTP tokens and may not replace the headers parcelbell sets itself.
 */
public final class TemplateValidator {

  public static final int MAX_HEADERS = 20;

  /** Set by parcelbell on every delivery; a flow cannot override them. */
  public static final Set<String> RESERVED_HEADERS =
      Set.of(
          "webhook-id",
          "webhook-timestamp",
          "webhook-signature",
          "content-type",
          "content-length",
          "content-encoding",
          "transfer-encoding",
          "host",
          "connection",
          "user-agent",
          "te",
          "upgrade",
          "expect",
          "proxy-authorization");

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");

  private static final ObjectMapper STRICT_JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private final FlowTemplates templates;

  public TemplateValidator(FlowTemplates templates) {
    this.templates = templates;
  }

  public List<TemplateProblem> validate(
      Trigger trigger, String path, String body, Map<String, String> headers) {
    List<TemplateProblem> problems = new ArrayList<>();
    checkBody(trigger, path + ".body", body, problems);
    Map<String, String> given = headers == null ? Map.of() : headers;
    if (given.size() > MAX_HEADERS) {
      problems.add(
          new TemplateProblem(
              path + ".headers", "HEADERS_TOO_MANY", "at most " + MAX_HEADERS + " headers"));
      return problems;
    }
    given.forEach(
        (name, value) -> checkHeader(trigger, path + ".headers." + name, name, value, problems));
    return problems;
  }

  private void checkBody(Trigger trigger, String path, String body, List<TemplateProblem> out) {
    for (ParcelbellEvent sample : SampleEvents.of(trigger)) {
      String rendered;
      try {
        rendered = templates.render(Kind.BODY, body, variables(trigger, sample));
      } catch (TemplateException e) {
        out.add(problem(path, e));
        return;
      }
      try {
        STRICT_JSON.readTree(rendered);
      } catch (JacksonException e) {
        out.add(
            new TemplateProblem(
                path,
                "TEMPLATE_NOT_JSON",
                "renders to invalid JSON for the sample event "
                    + sample.eventId()
                    + ": "
                    + e.getOriginalMessage()
                    + " (rendered: "
                    + abbreviate(rendered)
                    + ")"));
        return;
      }
    }
  }

  private void checkHeader(
      Trigger trigger, String path, String name, String value, List<TemplateProblem> out) {
    if (name == null || !TOKEN.matcher(name).matches()) {
      out.add(
          new TemplateProblem(
              path, "HEADER_NAME_INVALID", "a header name is 1-64 HTTP token characters"));
      return;
    }
    if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
      out.add(new TemplateProblem(path, "HEADER_RESERVED", "parcelbell sets " + name + " itself"));
      return;
    }
    for (ParcelbellEvent sample : SampleEvents.of(trigger)) {
      try {
        templates.render(Kind.HEADER, value, variables(trigger, sample));
      } catch (TemplateException e) {
        out.add(problem(path, e));
        return;
      }
    }
  }

  private static Map<String, Object> variables(Trigger trigger, ParcelbellEvent sample) {
    ShipmentMetadata known =
        sample.eventId().equals("sample-event-1") ? SampleEvents.METADATA : ShipmentMetadata.EMPTY;
    return TemplateVariables.of(trigger, sample, known, PersonalData.MASKED);
  }

  private static TemplateProblem problem(String path, TemplateException e) {
    String where = e.line() == null ? "" : "line " + e.line() + ": ";
    return new TemplateProblem(path, e.code(), where + e.getMessage());
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
