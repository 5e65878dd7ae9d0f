package io.parcelbell.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.parcelbell.localstack.auth.LocalTokens;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium (Debian's chromium and chromium-driver, Selenium 4 on the
 * system driver: nothing downloaded), against the whole local stack EndToEndTest started: sign in
 * on the provider's login page as each role, the dashboard, a search, a dead letter's timeline, a
 * resend, English. Screenshots of each page go to {@code target/screenshots/}. Runs as a nested
 * class of EndToEndTest, so the stack starts once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConsoleInTheBrowser {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of("target/screenshots");
  static final Duration WAIT = Duration.ofSeconds(60);

  /** The running stack's options. */
  abstract StackOptions options();

  /** A signed DeliveryAPI webhook for one DELIVERED parcel to this phone; its tracking number. */
  abstract String sendWebhook(String phone) throws Exception;

  /** Waits until the history shows the parcel's notification in this state. */
  abstract void awaitState(String trackingNumber, String state) throws Exception;

  private String deadLetter;

  @BeforeAll
  void aDeadLetter() throws Exception {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "needs Debian's chromium and chromium-driver (.ci/run installs them)");
    Files.createDirectories(SHOTS);
    // The sandbox fails every channel for a number ending in 9999: 64016, then 23000; any other
    // number (but 0000, below) is delivered.
    deadLetter = sendWebhook("01012349999");
    String sent = sendWebhook("01055556666");
    awaitState(deadLetter, "DEAD_LETTER");
    awaitState(sent, "SENT");
  }

  @AfterAll
  void nothing() {
    // each test closes its own browser
  }

  @Test
  void anOperatorSignsInFindsTheDeadLetterReadsItsTimelineAndResendsIt() throws Exception {
    WebDriver browser = chromium();
    try {
      signIn(browser, "operator", "operator-local");
      waitFor(browser).until(ExpectedConditions.textToBe(By.tagName("h1"), "대시보드"));
      assertThat(browser.getPageSource()).contains("상태별 알림 수", "일별 실패율");
      // The counts include what this test produced, and are what the API counts right then. The
      // sandbox never reports on a number ending in 0000: its send is PENDING until the inquiry
      // gives up (seconds in EndToEndTest's stack), so it is made now and looked for at once.
      String pending = sendWebhook("01012340000");
      awaitState(pending, "PENDING");
      for (String state : List.of("PENDING", "SENT", "DEAD_LETTER")) {
        waitFor(browser)
            .until(
                driver -> {
                  driver.navigate().refresh();
                  long shown =
                      Long.parseLong(driver.findElement(By.id("count-24h-" + state)).getText());
                  return shown >= 1 && shown == countedByTheApi(state);
                });
      }
      shot(browser, "dashboard");
      accessible(browser, "dashboard");

      browser.findElement(By.linkText("알림 내역")).click();
      var search =
          waitFor(browser).until(ExpectedConditions.elementToBeClickable(By.id("trackingNumber")));
      search.sendKeys(deadLetter, Keys.ENTER);
      // The unfiltered list shown before may already hold the dead letter: wait for the search's
      // own answer (htmx pushes its URL once swapped in), then read it.
      waitFor(browser).until(ExpectedConditions.urlContains("trackingNumber=" + deadLetter));
      String found =
          waitFor(browser)
              .until(
                  driver -> {
                    String text = driver.findElement(By.id("results")).getText();
                    return text.contains(deadLetter) ? text : null;
                  });
      assertThat(found).contains("전달 실패", "010-****-9999").doesNotContain("01012349999");
      shot(browser, "notifications");
      accessible(browser, "notifications");

      browser.findElement(By.cssSelector("#results tbody a")).click();
      waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.className("timeline")));
      assertThat(browser.findElement(By.className("timeline")).getText())
          .contains("64016", "카카오톡 사용자가 아닙니다", "SMS(으)로 대체 발송합니다", "23000");
      shot(browser, "notification");
      accessible(browser, "notification");

      browser.findElement(By.cssSelector("#resend button")).click();
      waitFor(browser)
          .until(ExpectedConditions.textToBePresentInElementLocated(By.id("resend"), "요청했습니다"));
      // The new attempt chain shows up in the timeline as it goes (a third send, new keys),
      // without reloading: the page polls its timeline after a resend.
      waitFor(browser)
          .until(
              driver -> {
                return driver
                        .findElement(By.className("timeline"))
                        .getText()
                        .split("발송 요청", -1)
                        .length
                    > 3;
              });
      shot(browser, "notification-resent");
      accessible(browser, "notification-resent");
    } finally {
      browser.quit();
    }
  }

  @Test
  void aViewerIsNotOfferedResendAndTheApiRefusesItAnyway() throws Exception {
    WebDriver browser = chromium();
    try {
      signIn(browser, "viewer", "viewer-local");
      browser.get(
          options().consoleUrl()
              + "/notifications/"
              + URLEncoder.encode("cj:" + deadLetter + ":DELIVERED", StandardCharsets.UTF_8));
      waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.className("timeline")));
      assertThat(browser.findElements(By.cssSelector("#resend button"))).isEmpty();
      assertThat(browser.findElement(By.id("resend")).getText()).contains("OPERATOR");
    } finally {
      browser.quit();
    }
    HttpResponse<String> refused =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            options().reportUrl()
                                + "/api/notifications/cj:"
                                + deadLetter
                                + ":DELIVERED/resend"))
                    .header("Authorization", LocalTokens.viewerBearer(options()))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(403);
  }

  @Test
  void theConsoleSpeaksEnglishOnRequest() throws Exception {
    WebDriver browser = chromium();
    try {
      signIn(browser, "admin", "admin-local");
      waitFor(browser).until(ExpectedConditions.textToBe(By.tagName("h1"), "대시보드"));
      browser.findElement(By.linkText("English")).click();
      waitFor(browser).until(ExpectedConditions.textToBe(By.tagName("h1"), "Dashboard"));
      assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
      shot(browser, "dashboard-en");
      accessible(browser, "dashboard-en");
      browser.get(options().consoleUrl() + "/codes");
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Failure codes");
      shot(browser, "codes-en");
      accessible(browser, "codes-en");
    } finally {
      browser.quit();
    }
  }

  /**
   * Keyboard only, as someone who cannot use a mouse: every step is Tab, typing and Enter, and the
   * element that has the focus is the one the step needs (so the order of focus is usable). An
   * admin writes a flow with a wrong template variable, reads the API's reason beside the steps
   * field, fixes it, previews it and saves it; the destination's page says how its deliveries went.
   */
  @Test
  void anAdminWritesAFlowWithTheKeyboardOnlyAndSeesTheProblemBesideTheField() throws Exception {
    String destination = receiverDestination("console-browser");
    WebDriver browser = chromium();
    try {
      signIn(browser, "admin", "admin-local");
      waitFor(browser).until(ExpectedConditions.textToBe(By.tagName("h1"), "대시보드"));

      // The first Tab reaches the skip link, visible once focused.
      browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
      assertThat(focused(browser).getText()).isEqualTo("본문으로 건너뛰기");
      assertThat(focused(browser).isDisplayed()).isTrue();

      tabTo(browser, "플로우").sendKeys(Keys.ENTER);
      waitFor(browser).until(ExpectedConditions.textToBe(By.tagName("h1"), "플로우"));
      tabTo(browser, "새 플로우").sendKeys(Keys.ENTER);
      waitFor(browser).until(ExpectedConditions.textToBe(By.tagName("h1"), "새 플로우"));

      tabToId(browser, "name").sendKeys("브라우저 테스트 " + System.nanoTime());
      WebElement steps = tabToId(browser, "steps");
      steps.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
      steps.sendKeys(webhookSteps(destination, "metadata.ordrId"));
      waitFor(browser)
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.id("steps-errors"), "steps[0].body"));
      assertThat(browser.findElement(By.id("steps-errors")).getText()).contains("ordrId");
      assertThat(browser.findElement(By.id("check-status")).getText()).contains("문제 1개");
      scrollTo(browser, By.id("steps-errors"));
      shot(browser, "flow-editor-problem");
      accessible(browser, "flow-editor-problem");

      steps = tabToId(browser, "steps");
      steps.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
      steps.sendKeys(webhookSteps(destination, "metadata.orderId"));
      waitFor(browser).until(ExpectedConditions.textToBe(By.id("check-status"), "문제가 없습니다."));
      assertThat(browser.findElement(By.id("steps-errors")).getText()).isEmpty();

      tabTo(browser, "미리 보기").sendKeys(Keys.ENTER);
      waitFor(browser)
          .until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview"), "1단계"));
      assertThat(browser.findElement(By.id("preview")).getText()).contains("\"order\"");
      scrollTo(browser, By.id("preview"));
      shot(browser, "flow-editor-preview");
      accessible(browser, "flow-editor-preview");

      tabTo(browser, "저장").sendKeys(Keys.ENTER);
      waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.className("notice")));
      assertThat(browser.findElement(By.className("notice")).getText())
          .isEqualTo("버전 1(으)로 저장했습니다.");
      assertThat(browser.getPageSource()).contains("✖ 꺼짐");

      tabTo(browser, "플로우 목록으로").sendKeys(Keys.ENTER);
      waitFor(browser).until(ExpectedConditions.textToBe(By.tagName("h1"), "플로우"));
      shot(browser, "flows");
      accessible(browser, "flows");

      browser.get(options().consoleUrl() + "/destinations");
      waitFor(browser).until(ExpectedConditions.textToBe(By.tagName("h1"), "수신처"));
      tabTo(browser, "Receiver console-browser").sendKeys(Keys.ENTER);
      waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("recover-title")));
      assertThat(browser.getPageSource()).contains("전송 기록이 없습니다.");
      shot(browser, "destination");
      accessible(browser, "destination");

      tabTo(browser, "감사 기록").sendKeys(Keys.ENTER);
      waitFor(browser).until(ExpectedConditions.textToBe(By.tagName("h1"), "감사 기록"));
      accessible(browser, "audit");
    } finally {
      browser.quit();
    }
  }

  /** The last 24 hours' count of a state, as report-service's overview answers it now. */
  private long countedByTheApi(String state) {
    try {
      HttpResponse<String> overview =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(options().reportUrl() + "/api/notifications/overview"))
                      .header("Authorization", LocalTokens.viewerBearer(options()))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return new tools.jackson.databind.ObjectMapper()
          .readTree(overview.body())
          .path("last24Hours")
          .path("counts")
          .path(state)
          .asLong(-1);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Presses Tab (at most 80 times) until the focused element's text is {@code text}. */
  private static WebElement tabTo(WebDriver browser, String text) {
    return tabUntil(browser, element -> text.equals(element.getText().strip()), text);
  }

  private static WebElement tabToId(WebDriver browser, String id) {
    return tabUntil(browser, element -> id.equals(element.getAttribute("id")), "#" + id);
  }

  private static WebElement tabUntil(
      WebDriver browser, java.util.function.Predicate<WebElement> wanted, String what) {
    for (int i = 0; i < 80; i++) {
      WebElement element = focused(browser);
      if (wanted.test(element)) {
        return element;
      }
      element.sendKeys(Keys.TAB);
    }
    throw new AssertionError("Tab never reached " + what + " on " + browser.getCurrentUrl());
  }

  /**
   * axe-core's WCAG 2.1 A and AA rules on the page as it stands (after htmx swaps): every violation
   * fails the test with the rule, its help and the elements.
   */
  private static void accessible(WebDriver browser, String page) {
    Results results =
        new AxeBuilder()
            .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
            .analyze(browser);
    List<String> violations =
        results.getViolations().stream()
            .map(
                rule ->
                    rule.getId()
                        + " ("
                        + rule.getHelp()
                        + "): "
                        + rule.getNodes().stream()
                            .map(node -> String.valueOf(node.getTarget()))
                            .toList())
            .toList();
    assertThat(violations).as("accessibility violations on " + page).isEmpty();
  }

  /** Brings an element into the window, so that a screenshot shows it. */
  private static void scrollTo(WebDriver browser, By what) {
    ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block: 'center'})", browser.findElement(what));
  }

  private static WebElement focused(WebDriver browser) {
    return browser.switchTo().activeElement();
  }

  private static String webhookSteps(String destination, String variable) {
    return "[{\"type\": \"webhook\", \"destinationId\": \""
        + destination
        + "\", \"body\": \"{\\\"order\\\": {{ "
        + variable
        + " | json }}}\"}]";
  }

  /** A destination at the sandbox's webhook receiver, made through the API as the dev admin. */
  private String receiverDestination(String receiver) throws Exception {
    String body =
        "{\"name\": \"Receiver "
            + receiver
            + "\", \"url\": \""
            + options().receiverUrl(receiver)
            + "\"}";
    HttpResponse<String> created =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(options().flowUrl() + "/api/destinations"))
                    .header("Authorization", LocalTokens.adminBearer(options()))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    var id =
        java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"(dst_[^\"]+)\"").matcher(created.body());
    assertThat(id.find()).as(created.body()).isTrue();
    return id.group(1);
  }

  /** The provider's login page, as a person fills it in; back on the console afterwards. */
  private void signIn(WebDriver browser, String user, String password) {
    browser.get(options().consoleUrl() + "/");
    waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
    assertThat(browser.getCurrentUrl()).startsWith(options().authUrl());
    browser.findElement(By.name("username")).sendKeys(user);
    browser.findElement(By.name("password")).sendKeys(password, Keys.ENTER);
    waitFor(browser).until(ExpectedConditions.urlToBe(options().consoleUrl() + "/"));
  }

  private static WebDriver chromium() throws IOException {
    ChromeOptions chrome = new ChromeOptions();
    chrome.setBinary(CHROMIUM.toFile());
    chrome.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--lang=ko-KR",
        "--user-data-dir=" + Files.createTempDirectory("chromium"));
    ChromeDriverService driver =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(driver, chrome);
  }

  /** Waits, and on giving up says where the browser was and what it showed. */
  private static WebDriverWait waitFor(WebDriver browser) {
    var wait = new WebDriverWait(browser, WAIT);
    // htmx replaces regions as they refresh (the dashboard's figures, a settling timeline): an
    // element found a moment ago may be gone. Look again rather than fail.
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    wait.withMessage(
        () -> {
          try {
            shot(browser, "failed");
          } catch (IOException | RuntimeException e) {
            // the message below is what matters
          }
          return "at "
              + browser.getCurrentUrl()
              + ":\n"
              + browser.findElement(By.tagName("body")).getText();
        });
    return wait;
  }

  private static void shot(WebDriver browser, String name) throws IOException {
    File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
