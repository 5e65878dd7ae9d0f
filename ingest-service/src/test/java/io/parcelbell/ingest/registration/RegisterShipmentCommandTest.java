package io.parcelbell.ingest.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegisterShipmentCommandTest {

  private static final List<String> COURIERS = List.of("cj", "hanjin");

  private static RegisterShipmentRequest request(String courier, String phone) {
    return new RegisterShipmentRequest(
        "ORD-1", courier, "123456789012", phone, "홍길동", "제주 감귤 5kg", "CJ대한통운");
  }

  @ParameterizedTest
  @CsvSource({
    "01012345678, 01012345678",
    "010-1234-5678, 01012345678",
    "'010 1234 5678', 01012345678",
    "+82 10-1234-5678, 01012345678",
    "+82 010-1234-5678, 01012345678",
    "821012345678, 01012345678",
    "011-123-4567, 0111234567",
    "019-1234-5678, 01912345678"
  })
  void normalizesKoreanMobileNumbers(String input, String normalized) {
    assertThat(RegisterShipmentCommand.of(request("cj", input), COURIERS).customerPhone())
        .isEqualTo(normalized);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "02-123-4567", // Seoul landline
        "031-123-4567",
        "012-1234-5678",
        "010-123-456",
        "010-1234-56789",
        "+1 415 555 0100",
        "not a phone"
      })
  void refusesWhatIsNotAKoreanMobileWithoutEchoingIt(String phone) {
    assertThatThrownBy(() -> RegisterShipmentCommand.of(request("cj", phone), COURIERS))
        .isInstanceOfSatisfying(
            InvalidShipmentException.class,
            e -> {
              assertThat(e.code()).isEqualTo("INVALID_FIELD");
              assertThat(e.pointer()).isEqualTo("/customerPhone");
              assertThat(e.getMessage()).doesNotContain(phone);
            });
  }

  @Test
  void courierCodesCompareCaseInsensitivelyAndAreSentLowerCase() {
    assertThat(RegisterShipmentCommand.of(request("CJ", "01012345678"), COURIERS).courierCode())
        .isEqualTo("cj");
  }

  @Test
  void anUnknownCourierIsInvalid() {
    assertThatThrownBy(() -> RegisterShipmentCommand.of(request("dhl", "01012345678"), COURIERS))
        .isInstanceOfSatisfying(
            InvalidShipmentException.class,
            e -> {
              assertThat(e.code()).isEqualTo("INVALID_FIELD");
              assertThat(e.pointer()).isEqualTo("/courierCode");
            });
  }

  @ParameterizedTest
  @CsvSource({"orderId", "courierCode", "trackingNumber", "customerPhone"})
  void requiredFieldsAreMissingWhenAbsentOrBlank(String field) {
    for (String empty : new String[] {null, " "}) {
      var r =
          new RegisterShipmentRequest(
              field.equals("orderId") ? empty : "ORD-1",
              field.equals("courierCode") ? empty : "cj",
              field.equals("trackingNumber") ? empty : "1234",
              field.equals("customerPhone") ? empty : "01012345678",
              null,
              null,
              null);
      assertThatThrownBy(() -> RegisterShipmentCommand.of(r, COURIERS))
          .isInstanceOfSatisfying(
              InvalidShipmentException.class,
              e -> {
                assertThat(e.code()).isEqualTo("MISSING_FIELD");
                assertThat(e.pointer()).isEqualTo("/" + field);
              });
    }
  }

  @Test
  void optionalFieldsMayBeAbsentAndTheStringFormMasksThePhone() {
    var command =
        RegisterShipmentCommand.of(
            new RegisterShipmentRequest("ORD-1", "cj", "1234", "01012345678", null, "", null),
            COURIERS);
    assertThat(command.customerName()).isNull();
    assertThat(command.productName()).isNull();
    assertThat(command.toString()).contains("010-****-5678").doesNotContain("01012345678");
  }
}
