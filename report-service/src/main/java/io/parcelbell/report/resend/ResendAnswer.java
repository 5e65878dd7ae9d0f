package io.parcelbell.report.resend;

/**
 * What a resend request did.
 *
 * @param status {@code REQUESTED} (the notifier was asked; watch the notification go PENDING or
 *     HELD and settle) or {@code ALREADY_REQUESTED} (a resend of this ending is already on its way:
 *     nothing was done)
 * @param commandId the ResendRequested event id; null for ALREADY_REQUESTED
 */
record ResendAnswer(String notificationId, String status, String commandId) {}
