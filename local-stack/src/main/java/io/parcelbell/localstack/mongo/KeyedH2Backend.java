package io.parcelbell.localstack.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
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
 */
final class KeyedH2Backend extends H2Backend {

  KeyedH2Backend(String fileName) {
    super(fileName);
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
