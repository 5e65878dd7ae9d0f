package io.parcelbell.localstack.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentComparator;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
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
 * <p>Its non-unique indexes narrow queries too ({@link EqualityIndex}); mongo-java-server ignores
 * them.
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

  /** Over the MVStore file {@code fileName}; in memory only when it is null. */
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

    /** A non-unique index whose first field narrows lookups ({@link EqualityIndex}). */
    @Override
    protected Index<Object> openOrCreateSecondaryIndex(
        String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
      return EqualityIndex.covers(keys)
          ? new EqualityIndex(indexName, keys)
          : super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
    }
  }

  private static final class KeyedCollection extends H2Collection {

    private static final String ID = "_id";

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
      Optional<List<String>> ids = stringIds(query);
      if (ids.isPresent()) {
        // The positions come from the _id index by exactly these values, so the _id condition
        // holds for each of them: matched against the rest of the query only. Matched against
        // all of it, every document compared its _id with every value of the $in (a bulk's read
        // or write by 500 ids: 250,000 comparisons, most of the stand-in's CPU in a profile).
        Document rest = new Document(query);
        rest.remove(ID);
        Document byId = new Document(ID, query.get(ID));
        for (Index<Object> index : getIndexes()) {
          if (index.isUnique()
              && index.getKeys().size() == 1
              && index.getKeys().get(0).getKey().equals(ID)
              && index.canHandle(byId)) {
            return matchDocuments(
                rest,
                index.getPositions(byId),
                orderBy,
                numberToSkip,
                limit,
                batchSize,
                fieldSelector);
          }
        }
      }
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
      if (!isNaturalOrder(orderBy)) {
        Optional<List<Object>> candidates = candidates(query);
        if (candidates.isPresent()) {
          List<Object> positions = candidates.get();
          if (orderBy != null && !orderBy.isEmpty() && limit > 0) {
            return firstInOrder(
                query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
          }
          // In the order a scan would have found them (by _id), when the query asks for none.
          positions.sort(ValueComparator.asc());
          return matchDocuments(
              query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
      }
      return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * A sorted, limited query ("the 50 earliest due"): only the first {@code skip + limit} matches
     * in that order are kept while the candidates are matched, instead of sorting every match (a
     * due-work poll over thousands of waiting documents sorted them all, each time).
     */
    private QueryResult firstInOrder(
        Document query,
        List<Object> positions,
        Document orderBy,
        int numberToSkip,
        int limit,
        int batchSize,
        Document fieldSelector) {
      long keep = Math.min((long) numberToSkip + limit, positions.size());
      // Ties broken by _id, as a scan's stable sort in _id order breaks them: the same documents
      // are kept at the limit's edge, in the same order.
      Comparator<Document> order =
          new DocumentComparator(orderBy)
              .thenComparing(document -> document.get("_id"), ValueComparator.asc());
      PriorityQueue<Document> first = new PriorityQueue<>((int) keep + 1, order.reversed());
      for (Object position : positions) {
        Document document = getDocument(position);
        if (document != null && documentMatchesQuery(document, query)) {
          first.add(document);
          if (first.size() > keep) {
            first.poll();
          }
        }
      }
      List<Document> kept = new ArrayList<>(first);
      kept.sort(order);
      return matchDocumentsFromStream(
          kept.stream(), query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * An update of many documents by a list of string ids ({@code updateMany({_id: {$in: ids},
     * ...})}, a bulk's marks) is made as one update per id, under the collection's lock throughout
     * as before: mongo-java-server matches each document it updates against the whole selector
     * again (for the positional {@code $}), which compared every id with every value of the list.
     * Counts add up; an upsert goes the stock way (it would insert once, not per id).
     */
    @Override
    public synchronized Document updateDocuments(
        Document selector,
        Document update,
        ArrayFilters arrayFilters,
        boolean isMulti,
        boolean isUpsert,
        Oplog oplog) {
      Optional<List<String>> ids = isMulti && !isUpsert ? stringIds(selector) : Optional.empty();
      if (ids.isEmpty() || ids.get().size() < 2) {
        return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
      }
      int matched = 0;
      int modified = 0;
      for (String id : new LinkedHashSet<>(ids.get())) {
        Document one = new Document(selector);
        one.put(ID, id);
        Document result = super.updateDocuments(one, update, arrayFilters, true, false, oplog);
        matched += ((Number) result.get("n")).intValue();
        modified += ((Number) result.get("nModified")).intValue();
      }
      return new Document("n", matched).append("nModified", modified);
    }

    /**
     * The ids of {@code {_id: "x"}} or {@code {_id: {$in: ["x", "y"]}}} when every one is a string
     * (an _id is never an array, and strings compare alike in the index and the matcher).
     */
    private static Optional<List<String>> stringIds(Document query) {
      Object condition = query.get(ID);
      if (condition instanceof String id) {
        return Optional.of(List.of(id));
      }
      if (condition instanceof Document operator
          && operator.size() == 1
          && operator.get("$in") instanceof List<?> values
          && !values.isEmpty()
          && values.stream().allMatch(String.class::isInstance)) {
        return Optional.of(values.stream().map(String.class::cast).toList());
      }
      return Optional.empty();
    }

    /**
     * Under the collection's lock, as every read and write is: an index built or dropped while a
     * write runs would otherwise keep a document under a stale value, or answer a query empty.
     */
    @Override
    public synchronized void addIndex(Index<Object> index) {
      super.addIndex(index);
    }

    @Override
    public synchronized void dropIndex(String indexName) {
      super.dropIndex(indexName);
    }

    private static boolean isNaturalOrder(Document orderBy) {
      return orderBy != null && orderBy.containsKey("$natural");
    }

    /**
     * The positions of every document that can match {@code query}, as few as the equality indexes
     * tell (the smallest set among the query's fields; for {@code $or} the union of its branches,
     * each of which must be narrowed), or empty when none can narrow it.
     */
    private Optional<List<Object>> candidates(Document query) {
      Optional<List<Object>> best = Optional.empty();
      for (Map.Entry<String, Object> condition : query.entrySet()) {
        Optional<List<Object>> found = candidates(condition.getKey(), condition.getValue());
        if (found.isPresent() && (best.isEmpty() || found.get().size() < best.get().size())) {
          best = found;
        }
      }
      return best;
    }

    private Optional<List<Object>> candidates(String field, Object value) {
      if (field.equals("$or") && value instanceof List<?> branches) {
        Set<Object> union = new LinkedHashSet<>();
        for (Object branch : branches) {
          Optional<List<Object>> found =
              branch instanceof Document document ? candidates(document) : Optional.empty();
          if (found.isEmpty()) {
            return Optional.empty();
          }
          union.addAll(found.get());
        }
        return Optional.of(new ArrayList<>(union));
      }
      if (field.equals("$and") && value instanceof List<?> parts) {
        Optional<List<Object>> best = Optional.empty();
        for (Object part : parts) {
          Optional<List<Object>> found =
              part instanceof Document document ? candidates(document) : Optional.empty();
          if (found.isPresent() && (best.isEmpty() || found.get().size() < best.get().size())) {
            best = found;
          }
        }
        return best;
      }
      for (Index<Object> index : getIndexes()) {
        if (index instanceof EqualityIndex equality && equality.field().equals(field)) {
          return equality.candidates(value);
        }
      }
      return Optional.empty();
    }
  }
}
