package io.parcelbell.localstack.sandbox;

import io.parcelbell.contracts.events.Channel;
import tools.jackson.databind.JsonNode;

/** Maps Bizgo's messageFlow step names to the channel and the msgType a report carries. */
final class SandboxChannel {

  private SandboxChannel() {}

  /** The channel of the first messageFlow step: the one Bizgo tries first. */
  static Channel ofFirstStep(JsonNode step) {
    if (step.has("alimtalk")) {
      return Channel.ALIMTALK;
    }
    if (step.has("sms")) {
      return Channel.SMS;
    }
    if (step.has("mms")) {
      return Channel.LMS; // Bizgo sends an mms without a file as LMS.
    }
    throw new MalformedRequestException("messageFlow[0] must be alimtalk, sms or mms");
  }

  static String msgType(Channel channel) {
    return switch (channel) {
      case ALIMTALK -> "AT";
      case SMS -> "SMS";
      case LMS -> "LMS";
    };
  }

  static String carrier(Channel channel) {
    return channel == Channel.ALIMTALK ? "" : "SKT";
  }
}
