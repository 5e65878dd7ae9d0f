package io.parcelbell.localstack.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A non-unique index as far as the stand-in needs one: the documents by the string value of the
 * index's first field, kept in memory (rebuilt from the documents when the file is opened). It only
 * narrows a query down to candidates — every candidate is still matched against the whole query —
 * so a query answers exactly as without it. mongo-java-server ignores non-unique indexes ("not yet
 * implemented"), and the services' due-work queries ({@code {state: "PENDING", nextAttemptAt:
 * {$lte: now}}} and the like, polled several times a second) read every document of their
 * collection instead: in the flow benchmark three fifths of the stand-in's CPU. A real MongoDB
 * answers them from the same indexes, declared by the services' index plans.
 *
 * <p>Only a first field without a dot is indexed, and only string values answer a lookup: a string
 * in a query equals a string, or an array holding it (those documents are candidates for every
 * lookup), never a value of another type.
 */
final class EqualityIndex extends Index<Object> {

  /** Where documents whose field holds an array are kept: candidates for every lookup. */
  private static final Object ARRAY = new Object();

  private final String field;
  private final Map<Object, Set<Object>> positions = new HashMap<>();

  EqualityIndex(String name, List<IndexKey> keys) {
    // Sparse: removeDocument takes the position from the _id index when this one has none.
    super(name, keys, true);
    this.field = keys.get(0).getKey();
  }

  /** Whether an index on these keys can narrow anything (a first field without a dot). */
  static boolean covers(List<IndexKey> keys) {
    return !keys.isEmpty() && !keys.get(0).getKey().contains(".");
  }

  String field() {
    return field;
  }

  /**
   * The positions of every document that can match {@code value} as a condition on this index's
   * field (a string or a boolean, or {@code {$in: [...]}} of them, possibly beside other
   * operators), or empty when this index cannot tell.
   */
  synchronized Optional<List<Object>> candidates(Object value) {
    Collection<?> wanted;
    if (isKeyed(value)) {
      wanted = List.of(value);
    } else if (value instanceof Document condition
        && condition.get("$in") instanceof Collection<?> in
        && in.stream().allMatch(EqualityIndex::isKeyed)) {
      wanted = in;
    } else {
      return Optional.empty();
    }
    List<Object> found = new ArrayList<>(positions.getOrDefault(ARRAY, Set.of()));
    for (Object key : new HashSet<>(wanted)) {
      found.addAll(positions.getOrDefault(key, Set.of()));
    }
    return Optional.of(found);
  }

  /** A value that equals only itself or an array holding it: a string or a boolean. */
  private static boolean isKeyed(Object value) {
    return value instanceof String || value instanceof Boolean;
  }

  /** The key a document is kept under, or null when no lookup can match it. */
  private Object keyOf(Document document) {
    Object value = document.get(field);
    if (isKeyed(value)) {
      return value;
    }
    return value instanceof Collection<?> ? ARRAY : null;
  }

  private static Object positionOf(Document document) {
    return Missing.ofNullable(document.get("_id"));
  }

  private void put(Object key, Object position) {
    if (key != null) {
      positions.computeIfAbsent(key, k -> new HashSet<>()).add(position);
    }
  }

  private boolean take(Object key, Object position) {
    if (key == null) {
      return false;
    }
    Set<Object> kept = positions.get(key);
    if (kept == null || !kept.remove(position)) {
      return false;
    }
    if (kept.isEmpty()) {
      positions.remove(key);
    }
    return true;
  }

  @Override
  public synchronized void add(Document document, Object position, MongoCollection<Object> c) {
    put(keyOf(document), position);
  }

  @Override
  public synchronized Object remove(Document document) {
    Object position = positionOf(document);
    return take(keyOf(document), position) ? position : null;
  }

  @Override
  public synchronized void updateInPlace(
      Document oldDocument, Document newDocument, Object position, MongoCollection<Object> c) {
    Object before = keyOf(oldDocument);
    Object after = keyOf(newDocument);
    if (before != after && (before == null || !before.equals(after))) {
      take(before, position);
      put(after, position);
    }
  }

  /** Never asked for one position: the unique indexes answer that. */
  @Override
  public Object getPosition(Document document) {
    return null;
  }

  @Override
  public void checkAdd(Document document, MongoCollection<Object> collection) {
    // Not unique: nothing to refuse.
  }

  @Override
  public void checkUpdate(
      Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
    // Not unique: nothing to refuse.
  }

  /** Not through mongo-java-server's own planner (which wants exactly the index's fields). */
  @Override
  public boolean canHandle(Document query) {
    return false;
  }

  @Override
  public Iterable<Object> getPositions(Document query) {
    throw new UnsupportedOperationException("asked through candidates()");
  }

  @Override
  public synchronized long getCount() {
    return positions.values().stream().mapToLong(Set::size).sum();
  }

  @Override
  public long getDataSize() {
    return getCount();
  }

  @Override
  public synchronized void drop() {
    positions.clear();
  }
}
