package io.parcelbell.flow.templates;

/**
 * What is wrong with a template, where: {@code path} names the field ({@code steps[2].body}),
 * {@code code} is stable ({@code TEMPLATE_SYNTAX}, {@code TEMPLATE_UNKNOWN_VARIABLE}, {@code
 * TEMPLATE_NOT_JSON}, {@code TEMPLATE_TOO_LARGE}, {@code TEMPLATE_RENDER_FAILED}, {@code
 * HEADER_NAME_INVALID}, {@code HEADER_RESERVED}, {@code HEADERS_TOO_MANY}), {@code reason} says it
 * in words, with the template line when known.
 */
public record TemplateProblem(String path, String code, String reason) {}
