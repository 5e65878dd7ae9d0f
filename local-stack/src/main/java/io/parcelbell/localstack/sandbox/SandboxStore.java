package io.parcelbell.localstack.sandbox;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything the sandbox remembers, in memory only: a restart of the stack forgets it, like a fresh
 * account.
 */
final class SandboxStore {

  private final Map<String, ArrayNode> destinationsByIdempotencyKey = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> reportsByMsgKey = new ConcurrentHashMap<>();

  Optional<ArrayNode> destinationsFor(String idempotencyKey) {
    return Optional.ofNullable(destinationsByIdempotencyKey.get(idempotencyKey));
  }

  void rememberDestinations(String idempotencyKey, ArrayNode destinations) {
    destinationsByIdempotencyKey.put(idempotencyKey, destinations);
  }

  Optional<ObjectNode> report(String msgKey) {
    return Optional.ofNullable(reportsByMsgKey.get(msgKey));
  }

  void saveReport(String msgKey, ObjectNode report) {
    reportsByMsgKey.put(msgKey, report);
  }
}
