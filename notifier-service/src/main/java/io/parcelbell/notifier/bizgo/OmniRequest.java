package io.parcelbell.notifier.bizgo;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/comm/v1/send/omni} (DESIGN.md, "Bizgo"). */
@JsonInclude(JsonInclude.Include.NON_NULL)
record OmniRequest(
    List<Destination> destinations,
    List<Map<String, Object>> messageFlow,
    String ref,
    String idempotencyKey,
    Long idempotencyTtl) {

  record Destination(String to, String ref) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Alimtalk(
      String senderKey, String msgType, String templateCode, String text, Attachment attachment) {}

  record Attachment(List<BizgoMessage.Button> button) {}

  record Sms(String from, String text) {}

  /** An mms with no file is an LMS. */
  record Mms(String from, String title, String text) {}

  static OmniRequest of(BizgoMessage message, String senderKey, String smsFrom, long ttlSeconds) {
    Map<String, Object> flow =
        switch (message.channel()) {
          case ALIMTALK ->
              Map.of(
                  "alimtalk",
                  new Alimtalk(
                      senderKey,
                      "AT",
                      message.templateCode(),
                      message.text(),
                      message.buttons().isEmpty() ? null : new Attachment(message.buttons())));
          case SMS -> Map.of("sms", new Sms(smsFrom, message.text()));
          case LMS -> Map.of("mms", new Mms(smsFrom, message.title(), message.text()));
        };
    return new OmniRequest(
        List.of(new Destination(message.to(), message.ref())),
        List.of(flow),
        message.ref(),
        message.idempotencyKey(),
        ttlSeconds);
  }
}
