package io.parcelbell.contracts.events;

/**
 * How a message reaches the customer. LMS is an SMS over 90 EUC-KR bytes (Bizgo's mms without
 * file).
 */
public enum Channel {
  ALIMTALK,
  SMS,
  LMS
}
