package io.parcelbell.localstack.mongo;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of a unique index's map: H2's own ({@link ObjectDataType}), stored and ordered
 * exactly as before, so existing data files open unchanged. The difference is speed: H2 orders keys
 * it does not know (mongo-java-server's {@link KeyValue}) by their Java serialization, serializing
 * both keys afresh on every comparison of a B-tree lookup. That was half the CPU of the benchmarks'
 * MongoDB stand-in: it measured the stand-in, not parcelbell. Here each key is serialized once
 * while it is in use (a page's keys live as long as the page is cached, a lookup's key as long as
 * the lookup).
 */
final class MemoizedKeyType extends ObjectDataType {

  /** By identity (weak keys): equal KeyValues may serialize differently (1 and 1L match). */
  private final Cache<KeyValue, byte[]> serialized =
      Caffeine.newBuilder().weakKeys().maximumSize(200_000).build();

  @Override
  public int compare(Object a, Object b) {
    if (a == b) {
      return 0;
    }
    if (a instanceof KeyValue x && b instanceof KeyValue y) {
      // What H2 does for two serializable, non-Comparable objects of the same kind.
      return compareNotNull(bytesOf(x), bytesOf(y));
    }
    return super.compare(a, b);
  }

  private byte[] bytesOf(KeyValue key) {
    return serialized.get(key, ObjectDataType::serialize);
  }
}
