package io.parcelbell.flow.templates;

/** A template that cannot be compiled or rendered: a stable code, the line, and why. */
public final class TemplateException extends RuntimeException {

  private final String code;
  private final Integer line;

  public TemplateException(String code, Integer line, String reason, Throwable cause) {
    super(reason, cause);
    this.code = code;
    this.line = line;
  }

  /** {@code TEMPLATE_SYNTAX}, {@code TEMPLATE_UNKNOWN_VARIABLE}, {@code TEMPLATE_RENDER_FAILED}. */
  public String code() {
    return code;
  }

  /** The template line (from 1), when Pebble knows it. */
  public Integer line() {
    return line;
  }
}
