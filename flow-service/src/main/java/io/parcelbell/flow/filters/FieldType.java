package io.parcelbell.flow.filters;

/** What a filterable field holds, and so which operators and values make sense for it. */
public enum FieldType {
  STRING,
  NUMBER,
  BOOLEAN,
  /** An ISO-8601 instant; compared in time order. */
  TIMESTAMP
}
