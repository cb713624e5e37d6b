package io.messagedriven.admin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.messagedriven.admin.testing.Browser;
import io.messagedriven.admin.testing.RequiresBrowser;
import io.messagedriven.application.operations.Operations;
import io.messagedriven.application.port.EventStatus;
import io.messagedriven.domain.EventId;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.jdbi.testing.TestDatabase;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard in a real, headless Chromium, on events a test wrote to PostgreSQL: the page
 * shows them, escapes them, refuses a forged request from another origin, and requeues from a
 * click. The page as the browser drew it is written to {@code target/dashboard.png}.
 */
@RequiresBrowser
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardPageIT {
  private static final String TOKEN = "page-test-token-0123456789";
  private static final Path SCREENSHOT = Path.of("target", "dashboard.png");

  private PostgresStore store;
  private Operations operations;
  private OutboxStory story;
  private Dashboard dashboard;
  private Browser browser;

  @BeforeAll
  void start() {
    String url = TestDatabase.freshUrl();
    store = PostgresStore.builder().jdbcUrl(url).build();
    operations = new Operations(store.operations());
    story = OutboxStory.write(store, url);
    dashboard = Dashboard.builder().operations(operations).port(0).token(TOKEN).build();
    dashboard.start();
    browser = Browser.start(1360, 1500);
    driver().get(dashboard.loginUri() + "#token=" + TOKEN); // the login page trades it for a session cookie
    try {
      browser.waiting().until(ExpectedConditions.textToBe(By.id("count-published"), "140"));
    } catch (RuntimeException e) {
      throw new AssertionError("the page did not load: " + driver().getCurrentUrl() + "\n" + driver().getPageSource(), e);
    }
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (dashboard != null) {
      dashboard.close();
    }
    store.close();
  }

  @Test
  @Order(1)
  void thePageShowsTheCountsTheTestWrote() {
    assertThat(text("count-pending")).isEqualTo("9");
    assertThat(text("count-in-flight")).isEqualTo("0");
    assertThat(text("count-published")).isEqualTo("140");
    assertThat(text("count-failed")).isEqualTo("4");
    browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#tenants tbody tr"), 2));
    assertThat(driver().findElement(By.cssSelector("#tenants tr[data-tenant='globex']")).getText()).contains("paused");
    assertThat(driver().findElement(By.id("failures")).getText())
        .contains("java.net.ConnectException", "connection refused by ?:?", "IllegalStateException");
    assertThat(driver().findElement(By.id("held")).getText()).contains("User.created", "TimeoutException");
    assertThat(driver().findElement(By.id("publishers")).getText()).contains("orders-worker-1", "alive");
    assertThat(driver().findElements(By.cssSelector("#chart rect.bar"))).hasSize(60);
  }

  @Test
  @Order(2)
  void aPayloadHoldingMarkupIsShownAsTextAndNoScriptOfItRuns() {
    open(story.hostile());

    String payload = text("detail-payload");
    assertThat(payload).contains("<script>window.pwned = 'script'</script>", "<img src=x onerror=\\\"window.pwned = 'img'\\\">");
    assertThat(driver().findElements(By.cssSelector("#detail-payload *"))).isEmpty();
    assertThat(driver().findElements(By.tagName("script"))).hasSize(1); // dashboard.js alone
    assertThat(((JavascriptExecutor) driver()).executeScript("return window.pwned === undefined")).isEqualTo(true);
    assertThat(driver().findElement(By.id("events")).getText()).contains("<b>not bold</b>");
    assertThat(driver().findElements(By.cssSelector("#events b"))).isEmpty();

    ((JavascriptExecutor) driver()).executeScript("window.scrollTo(0, 0)");
    browser.screenshot(SCREENSHOT);
  }

  @Test
  @Order(3)
  void aFormPostedFromAnotherOriginWithTheSessionCookieChangesNothing() throws Exception {
    EventId target = story.failed().get(0);
    HttpServer attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] page = ("<!doctype html><form id=f method=post action='" + dashboard.uri() + "api/events/" + target
        + "/requeue'></form><script>document.getElementById('f').submit()</script>").getBytes(StandardCharsets.UTF_8);
    attacker.createContext("/", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/html");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    attacker.start();
    String dashboardWindow = driver().getWindowHandle();
    try {
      driver().switchTo().newWindow(WindowType.TAB);
      driver().get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");
      browser.waiting().until(driver -> driver.getCurrentUrl().startsWith(dashboard.uri().toString()));
      browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Forbidden"));

      assertThat(driver().findElement(By.tagName("body")).getText()).contains("\"status\":403");
      assertThat(operations.event(target).record().status()).isEqualTo(EventStatus.FAILED);
    } finally {
      driver().close();
      driver().switchTo().window(dashboardWindow);
      attacker.stop(0);
    }
  }

  @Test
  @Order(4)
  void aFetchFromThePageWithoutTheCsrfHeaderIsRefused() {
    EventId target = story.failed().get(0);

    Object status = ((JavascriptExecutor) driver()).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch('/api/events/" + target + "/requeue', {method: 'POST', credentials: 'same-origin'})"
            + ".then(response => done(response.status));");

    assertThat(status).isEqualTo(403L);
    assertThat(operations.event(target).record().status()).isEqualTo(EventStatus.FAILED);
  }

  @Test
  @Order(5)
  void aRequeueFromThePageMakesTheFailedEventPendingAgain() {
    EventId target = story.failed().get(0);
    open(target);

    driver().findElement(By.id("detail-requeue")).click();

    browser.waiting().until(ExpectedConditions.textToBe(By.id("message"), "Requeued event " + target));
    assertThat(operations.event(target).record().status()).isEqualTo(EventStatus.PENDING);
    assertThat(operations.event(target).record().attempts()).isZero();
    browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector("#events tr[data-event='" + target + "'] td.status"), "pending"));
    browser.waiting().until(ExpectedConditions.textToBe(By.id("count-failed"), "3"));
  }

  @Test
  @Order(6)
  void aRequestWithoutTheTokenIsRefused() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    for (String path : List.of("api/status", "api/events", "api/events/" + story.failed().get(1))) {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(dashboard.uri().resolve(path)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isEqualTo(401);
      assertThat(response.body()).doesNotContain("User.created");
    }
    HttpResponse<String> forged = client.send(HttpRequest.newBuilder(dashboard.uri().resolve(
            "api/events/" + story.failed().get(1) + "/delete")).header(Dashboard.CSRF_HEADER, "1")
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(operations.event(story.failed().get(1)).record().status()).isEqualTo(EventStatus.FAILED);
  }

  /** Opens an event's detail by clicking its row in the list. */
  private void open(EventId id) {
    WebElement row = browser.waiting().until(ExpectedConditions.elementToBeClickable(
        By.cssSelector("#events tr[data-event='" + id + "']")));
    row.click();
    browser.waiting().until(ExpectedConditions.textToBe(By.id("detail-id"), id.toString()));
  }

  private String text(String id) {
    return driver().findElement(By.id(id)).getText();
  }

  private WebDriver driver() {
    return browser.driver();
  }
}
