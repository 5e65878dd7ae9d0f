package io.parcelbell.notifier.bizgo;

import io.parcelbell.contracts.UnknownMsgKey;

/**
 * Maps an HTTP status and Bizgo's answer to a {@link BizgoResult}. The answer is read top down:
 * {@code common.authCode}, then {@code data.code}, then the destination's {@code code}; the first
 * level that is not A000 decides.
 */
final class BizgoAnswers {

  static final String ACCEPTED = "A000";
  static final String ALREADY_ACCEPTED = "A301";

  private BizgoAnswers() {}

  static BizgoResult classify(int httpStatus, OmniResponse answer, String idempotencyKey) {
    if (httpStatus == 429) {
      return new BizgoResult.RateLimited(codeOr(answer, "HTTP_429"));
    }
    if (httpStatus >= 500) {
      return new BizgoResult.Unavailable("HTTP_" + httpStatus, "Bizgo answered " + httpStatus);
    }
    if (answer == null) {
      if (httpStatus == 401 || httpStatus == 403) {
        return new BizgoResult.ConfigurationError("HTTP_" + httpStatus, "Bizgo refused the key");
      }
      if (httpStatus >= 400) {
        return new BizgoResult.Rejected("HTTP_" + httpStatus, "Bizgo answered " + httpStatus);
      }
      // A 2xx we cannot read may have been accepted: retrying with the same key is safe (A301).
      return new BizgoResult.Unavailable("UNREADABLE_ANSWER", "no readable answer");
    }
    OmniResponse.Destination destination = firstDestination(answer);
    String msgKey = destination == null ? null : destination.msgKey();
    if (answer.common() != null && !isAccepted(answer.common().authCode())) {
      return byCode(
          answer.common().authCode(), answer.common().authResult(), msgKey, idempotencyKey);
    }
    if (answer.data() != null && !isAccepted(answer.data().code())) {
      return byCode(answer.data().code(), answer.data().result(), msgKey, idempotencyKey);
    }
    if (destination == null || destination.code() == null) {
      return new BizgoResult.Unavailable("NO_DESTINATION_RESULT", "answer has no destination");
    }
    return byCode(destination.code(), destination.result(), msgKey, idempotencyKey);
  }

  static BizgoResult byCode(String code, String reason, String msgKey, String idempotencyKey) {
    if (code == null) {
      return new BizgoResult.Unavailable("NO_CODE", "answer has no code");
    }
    return switch (code) {
      case ACCEPTED ->
          msgKey == null || msgKey.isBlank()
              ? new BizgoResult.Unavailable("NO_MSG_KEY", "accepted without msgKey")
              : new BizgoResult.Accepted(msgKey, false);
      case ALREADY_ACCEPTED ->
          new BizgoResult.Accepted(
              msgKey == null || msgKey.isBlank() ? UnknownMsgKey.of(idempotencyKey) : msgKey, true);
      case "A020" -> new BizgoResult.RateLimited(code);
      case "A910", "A920", "A999" -> new BizgoResult.Unavailable(code, reason);
      case "A306" -> new BizgoResult.InvalidRecipient(code, reason);
      case "A401", "A403" -> new BizgoResult.ConfigurationError(code, reason);
      default -> new BizgoResult.Rejected(code, reason);
    };
  }

  private static boolean isAccepted(String code) {
    // A missing level is not a refusal; the next level decides.
    return code == null || ACCEPTED.equals(code);
  }

  private static OmniResponse.Destination firstDestination(OmniResponse answer) {
    if (answer.data() == null
        || answer.data().data() == null
        || answer.data().data().destinations() == null
        || answer.data().data().destinations().isEmpty()) {
      return null;
    }
    return answer.data().data().destinations().get(0);
  }

  private static String codeOr(OmniResponse answer, String fallback) {
    if (answer != null && answer.data() != null && answer.data().code() != null) {
      return answer.data().code();
    }
    return fallback;
  }
}
