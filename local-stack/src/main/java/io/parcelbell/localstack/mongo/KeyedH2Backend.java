package io.parcelbell.localstack.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend, with one difference: a query that names a uniquely indexed field
 * ({@code _id}, or any single-field unique index) with a value is answered from that index and then
 * matched against the rest of the query, as MongoDB's query planner does. mongo-java-server uses an
 * index only when the query has exactly the index's fields, so {@code {_id: x, state: "CLAIMED",
 * runner: t}} (every conditional update the services make) read every document of the collection:
 * the local stack and the end-to-end benchmark slowed down as the collections grew, measuring the
 * stand-in rather than parcelbell. Results are the same; only the documents looked at differ.
 *
 * <p>And its unique indexes compare keys without serializing them afresh each time ({@link
 * MemoizedKeyType}); they are stored and ordered as before.
 */
final class KeyedH2Backend extends H2Backend {

  /**
   * One for every index, its memo bounded across all of them. Static: H2Backend's constructor opens
   * the databases a file already holds, before this class's own fields are set.
   */
  private static final MemoizedKeyType KEY_TYPE = new MemoizedKeyType();

  /**
   * MB of pages kept deserialized. H2's default, 16, held a fraction of the end-to-end benchmark's
   * documents: a third of the stand-in's CPU went to reading pages back from the file and
   * deserializing every document on them (Java serialization) for each lookup.
   */
  static final int CACHE_MB = 128;

  KeyedH2Backend(String fileName) {
    super(new MVStore.Builder().fileName(fileName).cacheSize(CACHE_MB).open());
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String databaseName) {
    return new KeyedDatabase(databaseName, getMvStore(), getCursorRegistry());
  }

  /** Inner (not static): H2Database opens collections in its constructor, before own fields. */
  private final class KeyedDatabase extends H2Database {

    KeyedDatabase(String name, MVStore store, CursorRegistry cursors) {
      super(name, store, cursors);
    }

    /** As H2Database opens a collection (same map names, so existing data files still open). */
    @Override
    protected MongoCollection<Object> openOrCreateCollection(
        String collectionName, CollectionOptions options) {
      String namespace = getFullCollectionNamespace(collectionName);
      MVMap<Object, Document> data = getMvStore().openMap("databases." + namespace);
      MVMap<String, Object> meta = getMvStore().openMap("meta." + namespace);
      return new KeyedCollection(this, collectionName, options, data, meta, cursorRegistry);
    }

    /** As H2Database opens a unique index (same map name), keys compared by MemoizedKeyType. */
    @Override
    protected Index<Object> openOrCreateUniqueIndex(
        String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
      MVMap<KeyValue, Object> map =
          getMvStore()
              .openMap(
                  getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                  new MVMap.Builder<KeyValue, Object>().keyType(KEY_TYPE));
      return new MemoizedUniqueIndex(map, indexName, keys, sparse);
    }
  }

  private static final class KeyedCollection extends H2Collection {

    KeyedCollection(
        MongoDatabase database,
        String name,
        CollectionOptions options,
        MVMap<Object, Document> data,
        MVMap<String, Object> meta,
        CursorRegistry cursors) {
      super(database, name, options, data, meta, cursors);
    }

    @Override
    protected QueryResult queryDocuments(
        Document query,
        Document orderBy,
        int numberToSkip,
        int limit,
        int batchSize,
        Document fieldSelector) {
      if (query.size() > 1) {
        for (Index<Object> index : getIndexes()) {
          if (!index.isUnique() || index.getKeys().size() != 1) {
            continue;
          }
          String key = index.getKeys().get(0).getKey();
          if (!query.containsKey(key)) {
            continue;
          }
          Document narrowed = new Document(key, query.get(key));
          if (index.canHandle(narrowed)) {
            return matchDocuments(
                query,
                index.getPositions(narrowed),
                orderBy,
                numberToSkip,
                limit,
                batchSize,
                fieldSelector);
          }
        }
      }
      return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }
  }
}
