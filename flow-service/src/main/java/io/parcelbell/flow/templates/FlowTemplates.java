package io.parcelbell.flow.templates;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.AttributeNotFoundException;
import io.pebbletemplates.pebble.error.ParserException;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;

/**
 * Compiles and renders flow templates (Pebble, restricted by {@link RestrictedSyntax}). Bodies
 * escape every printed value for the inside of a JSON string, so an event's text cannot close its
 * string and add fields; header values lose control characters, so a value cannot add a header.
 * Variables are strict: a name the trigger does not have is an error, never an empty string.
 * Compiled templates are kept (bounded) by their text.
 */
public final class FlowTemplates {

  /** Longest template text accepted. */
  public static final int MAX_SOURCE_CHARS = 16 * 1024;

  /** Longest rendered body; a header value is far shorter ({@link #MAX_HEADER_CHARS}). */
  public static final int MAX_BODY_CHARS = 64 * 1024;

  public static final int MAX_HEADER_CHARS = 2 * 1024;

  /** Where a template is used: it decides the escaping and the size bound. */
  public enum Kind {
    BODY,
    HEADER
  }

  private final PebbleEngine body = engine(Kind.BODY);
  private final PebbleEngine header = engine(Kind.HEADER);
  private final Cache<String, PebbleTemplate> compiled =
      Caffeine.newBuilder().maximumSize(10_000).build();

  /** Compiles (or finds compiled) the template; a syntax error is a {@link TemplateException}. */
  public PebbleTemplate compile(Kind kind, String source) {
    if (source == null) {
      throw new TemplateException("TEMPLATE_SYNTAX", null, "no template", null);
    }
    if (source.length() > MAX_SOURCE_CHARS) {
      throw new TemplateException(
          "TEMPLATE_TOO_LARGE", null, "longer than " + MAX_SOURCE_CHARS + " characters", null);
    }
    return compiled.get(
        kind + ":" + source,
        key -> {
          try {
            return (kind == Kind.BODY ? body : header).getLiteralTemplate(source);
          } catch (PebbleException e) {
            throw failure(e);
          }
        });
  }

  /** Renders the template with an event's {@link TemplateVariables}. */
  public String render(Kind kind, String source, Map<String, Object> variables) {
    PebbleTemplate template = compile(kind, source);
    StringWriter out = new StringWriter();
    try {
      template.evaluate(out, variables, Locale.KOREA);
    } catch (PebbleException e) {
      throw failure(e);
    } catch (IOException | RuntimeException e) {
      // A core filter given a value it does not take (abbreviate on a number) throws plain
      // exceptions: still the template's fault, never a 500.
      throw new TemplateException("TEMPLATE_RENDER_FAILED", null, e.toString(), e);
    }
    return out.toString();
  }

  private static TemplateException failure(PebbleException e) {
    String message = e.getPebbleMessage() == null ? e.getMessage() : e.getPebbleMessage();
    if (e instanceof AttributeNotFoundException missing) {
      return new TemplateException(
          "TEMPLATE_UNKNOWN_VARIABLE",
          e.getLineNumber(),
          "no variable '" + missing.getAttributeName() + "' for this trigger",
          e);
    }
    if (e instanceof ParserException) {
      return new TemplateException("TEMPLATE_SYNTAX", e.getLineNumber(), message, e);
    }
    if (message != null && message.startsWith("Tried to write more than")) {
      return new TemplateException("TEMPLATE_TOO_LARGE", e.getLineNumber(), message, e);
    }
    return new TemplateException("TEMPLATE_RENDER_FAILED", e.getLineNumber(), message, e);
  }

  private static PebbleEngine engine(Kind kind) {
    boolean isBody = kind == Kind.BODY;
    return new PebbleEngine.Builder()
        .loader(new StringLoader())
        .extension(new ParcelbellFilters())
        .registerExtensionCustomizer(RestrictedSyntax::new)
        .strictVariables(true)
        .cacheActive(false)
        .newLineTrimming(false)
        .defaultLocale(Locale.KOREA)
        .maxRenderedSize(isBody ? MAX_BODY_CHARS : MAX_HEADER_CHARS)
        // No method of any Java object is callable: variables are maps and plain values.
        .methodAccessValidator((object, method) -> false)
        // Each engine knows only its own strategy: escape('header-value') in a body would print a
        // quote unescaped.
        .addEscapingStrategy(
            isBody ? Escaping.JSON_STRING : Escaping.HEADER_VALUE,
            isBody ? Escaping::jsonString : Escaping::headerValue)
        .defaultEscapingStrategy(isBody ? Escaping.JSON_STRING : Escaping.HEADER_VALUE)
        .autoEscaping(true)
        .build();
  }
}
