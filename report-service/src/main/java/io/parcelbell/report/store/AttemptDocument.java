package io.parcelbell.report.store;

import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.Channel;
import java.time.Instant;

/**
 * One attempt inside a notification document. {@code key} identifies it for idempotent writes: the
 * msgKey of an accepted attempt, {@code rejected:<attempt>:<channel>} for one refused before it got
 * a msgKey. {@code finalChannel} decides whether its failure ends the notification.
 */
public record AttemptDocument(
    String key,
    Channel channel,
    int attempt,
    String msgKey,
    AttemptState state,
    String reportCode,
    String reportText,
    boolean finalChannel,
    Instant requestedAt,
    Instant reportedAt,
    Boolean published) {}
