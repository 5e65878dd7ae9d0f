package io.parcelbell.report.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/**
 * The explain() reader the Testcontainers index test relies on, on outputs shaped like mongo:7's.
 */
class ExplainPlansTest {

  @Test
  void findsACollectionScanInTheWinningPlanOrAnAggregationsCursorStage() {
    assertThat(
            ExplainPlans.scansACollection(
                BsonDocument.parse(
                    """
                    {"queryPlanner": {"winningPlan": {"stage": "LIMIT",
                      "inputStage": {"stage": "COLLSCAN", "filter": {}}}, "rejectedPlans": []}}
                    """)))
        .isTrue();
    assertThat(
            ExplainPlans.scansACollection(
                BsonDocument.parse(
                    """
                    {"stages": [{"$cursor": {"queryPlanner": {"winningPlan":
                      {"queryPlan": {"stage": "COLLSCAN"}}}}}, {"$unwind": {"path": "$a"}}]}
                    """)))
        .isTrue();
  }

  @Test
  void anIndexScanOrACollectionScanOnlyAmongTheRejectedPlansIsFine() {
    assertThat(
            ExplainPlans.scansACollection(
                BsonDocument.parse(
                    """
                    {"queryPlanner": {"winningPlan": {"stage": "FETCH",
                      "inputStage": {"stage": "IXSCAN", "indexName": "by_order"}},
                     "rejectedPlans": [{"stage": "COLLSCAN"}]}}
                    """)))
        .isFalse();
  }
}
