package io.parcelbell.report.support;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/** Reads MongoDB explain() output. */
public final class ExplainPlans {

  private ExplainPlans() {}

  /**
   * Whether a COLLSCAN stage is in a plan MongoDB would run: anywhere in the output (a find's
   * winningPlan, an aggregation's $cursor stage, nested input stages) except the rejected plans.
   */
  public static boolean scansACollection(BsonValue node) {
    if (node.isDocument()) {
      BsonDocument document = node.asDocument();
      for (var entry : document.entrySet()) {
        if (entry.getKey().equals("rejectedPlans")) {
          continue;
        }
        if (entry.getKey().equals("stage") && entry.getValue().equals(new BsonString("COLLSCAN"))) {
          return true;
        }
        if (scansACollection(entry.getValue())) {
          return true;
        }
      }
    } else if (node.isArray()) {
      BsonArray array = node.asArray();
      for (BsonValue element : array) {
        if (scansACollection(element)) {
          return true;
        }
      }
    }
    return false;
  }
}
