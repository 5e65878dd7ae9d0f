package io.parcelbell.notifier.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parcelbell.contracts.SampleEvents;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.ShipmentMetadata;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.notifier.config.NotifierProperties;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class TemplateCatalogTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(NotifierProperties.class)
  static class PropertiesOnly {}

  /** Binds the real application.yml, as the service does at start-up. */
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withInitializer(new ConfigDataApplicationContextInitializer())
          .withUserConfiguration(PropertiesOnly.class);

  @Test
  void theDefaultTemplatesCoverTheFourStatusesThatAreNotified() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          NotifierProperties properties = context.getBean(NotifierProperties.class);
          assertThat(properties.templates())
              .containsOnlyKeys("PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED");
        });
  }

  @Test
  void rendersTheDeliveredTemplateWithTheShipmentsValues() {
    runner.run(
        context -> {
          TemplateCatalog catalog = new TemplateCatalog(context.getBean(NotifierProperties.class));
          RenderedMessage message = catalog.render(SampleEvents.shipmentStatusChanged()).get();

          assertThat(message.alimtalk().templateCode()).isEqualTo("PB_DELIVERED_01");
          assertThat(message.alimtalk().text())
              .isEqualTo(
                  "[배송 완료] 홍길동님, 제주 감귤 5kg 상품이 배송 완료되었습니다.\n"
                      + "배송 위치: 서울 강남\n"
                      + "상품은 마음에 드셨나요? 리뷰를 남겨 주시면 큰 힘이 됩니다.");
          assertThat(message.alimtalk().buttons())
              .containsExactly(
                  new RenderedMessage.Button(
                      "WL",
                      "리뷰 쓰기",
                      "https://my-shop.com/review/ORD-20260221-001",
                      "https://my-shop.com/review/ORD-20260221-001"));
          assertThat(message.fallback().text())
              .isEqualTo("제주 감귤 5kg 배송 완료. 리뷰: https://my-shop.com/review/ORD-20260221-001");
        });
  }

  @Test
  void aStatusWithoutTemplateRendersNothing() {
    runner.run(
        context -> {
          TemplateCatalog catalog = new TemplateCatalog(context.getBean(NotifierProperties.class));
          assertThat(catalog.render(withStatus("REGISTERED"))).isEmpty();
        });
  }

  @Test
  void anUnknownVariableInATemplateStopsTheStartUp() {
    runner
        .withPropertyValues(
            "parcelbell.notifier.templates.RETURNED.alimtalk.template-code=PB_RETURNED_01",
            "parcelbell.notifier.templates.RETURNED.alimtalk.text=#{nickname}님, 반송되었습니다.")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining("unknown variable 'nickname'");
            });
  }

  @Test
  void anUnknownVariableInAButtonLinkStopsTheStartUp() {
    runner
        .withPropertyValues(
            "parcelbell.notifier.templates.DELIVERED.alimtalk.buttons[0].name=리뷰",
            "parcelbell.notifier.templates.DELIVERED.alimtalk.buttons[0].url-mobile=https://x/{order}")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining("unknown variable 'order'");
            });
  }

  @Test
  void missingValuesRenderEmptyAndLinkValuesAreEncoded() {
    var template =
        new MessageTemplate(
            new AlimtalkTemplate(
                "T1",
                "#{customerName}님 #{productName}",
                List.of(
                    new AlimtalkTemplate.ButtonTemplate(
                        "WL", "조회", "https://s/t/{orderId}", null))),
            null,
            null);
    ShipmentStatusChanged event =
        withMetadata(new ShipmentMetadata("A/1 가", "01012345678", null, "귤", null));

    RenderedMessage message = TemplateCatalog.render(template, TemplateVariables.valuesOf(event));

    assertThat(message.alimtalk().text()).isEqualTo("님 귤");
    assertThat(message.alimtalk().buttons().get(0).urlMobile())
        .isEqualTo("https://s/t/A%2F1%20%EA%B0%80");
    assertThat(message.alimtalk().buttons().get(0).urlPc())
        .isEqualTo("https://s/t/A%2F1%20%EA%B0%80");
    assertThat(message.fallback().channel()).isEqualTo(Channel.SMS);
    assertThat(message.fallback().text()).isEqualTo("님 귤");
  }

  @Test
  void templatesAreValidatedWhenConstructed() {
    assertThatThrownBy(() -> new AlimtalkTemplate("T", "#{courier}", null))
        .hasMessageContaining("unknown variable 'courier'");
    assertThatThrownBy(() -> new MessageTemplate.SmsTemplate("#{phone}"))
        .hasMessageContaining("unknown variable 'phone'");
    assertThatThrownBy(() -> new AlimtalkTemplate(" ", "text", null))
        .hasMessageContaining("template-code");
  }

  private static ShipmentStatusChanged withStatus(String status) {
    ShipmentStatusChanged e = SampleEvents.shipmentStatusChanged();
    return new ShipmentStatusChanged(
        e.eventId(),
        e.courierCode(),
        e.trackingNumber(),
        status,
        false,
        e.clientId(),
        e.deliveryStatusText(),
        e.lastLocation(),
        e.metadata(),
        e.occurredAt());
  }

  @Test
  void aTemplateForANewStatusNeedsOnlyConfiguration() {
    runner
        .withPropertyValues("spring.config.additional-location=classpath:returned-template.yml")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              TemplateCatalog catalog =
                  new TemplateCatalog(context.getBean(NotifierProperties.class));
              RenderedMessage message = catalog.render(withStatus("RETURNED")).get();

              assertThat(message.alimtalk().templateCode()).isEqualTo("PB_RETURNED_01");
              assertThat(message.alimtalk().text())
                  .isEqualTo(
                      "[반송 안내] 홍길동님, 제주 감귤 5kg 상품이 반송되었습니다.\n"
                          + "택배사: CJ대한통운 "
                          + SampleEvents.shipmentStatusChanged().trackingNumber()
                          + "\n주문번호: ORD-20260221-001");
              assertThat(message.alimtalk().buttons())
                  .extracting(RenderedMessage.Button::urlMobile)
                  .containsExactly("https://my-shop.com/orders/ORD-20260221-001");
              assertThat(message.fallback().channel()).isEqualTo(Channel.SMS);
              // The four defaults stay.
              assertThat(catalog.render(withStatus("DELIVERED"))).isPresent();
            });
  }

  @Test
  void aFilledAlimtalkTextOverTheLimitIsNotAnAlimtalkAndGoesAsLms() {
    runner.run(
        context -> {
          TemplateCatalog catalog = new TemplateCatalog(context.getBean(NotifierProperties.class));
          // The DELIVERED template is ~80 characters; a 950-character product name pushes it over.
          String longName = "감".repeat(950);
          RenderedMessage message =
              catalog
                  .render(
                      withMetadata(
                          new ShipmentMetadata("ORD-1", "01012345678", "홍길동", longName, "CJ대한통운")))
                  .get();

          assertThat(message.alimtalk()).isNull();
          assertThat(message.fallback().channel()).isEqualTo(Channel.LMS);
          assertThat(message.fallback().title()).isEqualTo("배송 완료 안내");
          // The DELIVERED SMS text names the product: cut predictably at the LMS limit.
          assertThat(message.fallback().text()).startsWith("감감감");
          assertThat(io.parcelbell.notifier.sms.EucKr.byteLength(message.fallback().text()))
              .isLessThanOrEqualTo(2000);
        });
  }

  @Test
  void aFilledAlimtalkTextOfExactlyTheLimitIsStillAnAlimtalk() {
    var template =
        new MessageTemplate(new AlimtalkTemplate("T1", "#{productName}", List.of()), null, null);
    String exactly = "가".repeat(AlimtalkTemplate.MAX_TEXT_LENGTH);

    RenderedMessage fits =
        TemplateCatalog.render(template, java.util.Map.of("productName", exactly));
    RenderedMessage over =
        TemplateCatalog.render(template, java.util.Map.of("productName", exactly + "가"));

    assertThat(fits.alimtalk().text()).isEqualTo(exactly);
    assertThat(over.alimtalk()).isNull();
    assertThat(over.fallback().channel()).isEqualTo(Channel.LMS);
    assertThat(over.fallback().text()).isEqualTo("가".repeat(1000)); // 2,000 EUC-KR bytes
  }

  private static ShipmentStatusChanged withMetadata(ShipmentMetadata metadata) {
    ShipmentStatusChanged e = SampleEvents.shipmentStatusChanged();
    return new ShipmentStatusChanged(
        e.eventId(),
        e.courierCode(),
        e.trackingNumber(),
        e.status(),
        e.delivered(),
        e.clientId(),
        e.deliveryStatusText(),
        null,
        metadata,
        e.occurredAt());
  }
}
