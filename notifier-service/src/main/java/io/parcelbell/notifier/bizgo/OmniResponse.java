package io.parcelbell.notifier.bizgo;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** Bizgo's answer; it carries a code at three levels and every one of them must be checked. */
@JsonIgnoreProperties(ignoreUnknown = true)
record OmniResponse(Common common, Data data) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Common(String authCode, String authResult) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Data(String code, String result, Body data, String ref) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Body(List<Destination> destinations) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Destination(String to, String msgKey, String code, String result) {}
}
