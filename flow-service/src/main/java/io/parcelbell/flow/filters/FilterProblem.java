package io.parcelbell.flow.filters;

/**
 * Why a filter cannot be saved, and where: {@code path} points into the filter as sent, e.g. {@code
 * filter.allOf[1].values[0]}.
 */
public record FilterProblem(String path, String reason) {}
