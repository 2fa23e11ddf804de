package dev.sluice.api.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.api.Sluice;
import dev.sluice.engine.config.SluiceConfig;
import dev.sluice.engine.keyed.Pair;
import dev.sluice.scheduler.event.SchedulerEvent;
import dev.sluice.scheduler.event.StageInfo;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real browser (Debian's chromium driven by Selenium, TECH.md §8) against a real
 * session: a two-stage job (range → a map that waits for the test → reduceByKey) is held running
 * while the job page draws its stage DAG, then let go; the DAG turns complete, and the map stage's
 * page shows its event timeline and task table; the plan and executors pages draw too. The
 * browser's console must stay free of errors.
 * Screenshots go to {@code target/ui-screenshots/}. Skipped where chromium is not installed.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TestWebUiInBrowser {
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int MAP_PARTITIONS = 8;
  private static final int REDUCE_PARTITIONS = 4;
  private static final long ROWS = 80_000;
  private static final int KEYS = 10;

  /** Holds the map tasks until the test has seen the job running. */
  private static final CountDownLatch RELEASE = new CountDownLatch(1);

  @Test
  void testJobPageDrawsTheLiveStageDagAndTheStagePageItsTimelineAndTasks(@TempDir Path profile) throws Exception {
    assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
        "install chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
    Files.createDirectories(SCREENSHOTS);
    CompletableFuture<SchedulerEvent.JobSubmitted> submitted = new CompletableFuture<>();
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try (Sluice sluice = Sluice.builder().master("local[2]").appName("web-ui-in-browser")
        .config(SluiceConfig.UI_ENABLED, "true")
        .config(SluiceConfig.UI_PORT, 0)
        .listener(event -> {
          if (event instanceof SchedulerEvent.JobSubmitted job) {
            submitted.complete(job);
          }
        })
        .getOrCreate()) {
      String ui = sluice.uiUrl().orElseThrow(() -> new AssertionError("the session serves no UI"));
      Future<List<Pair<Long, Long>>> result = runner.submit(() -> countPerKey(sluice));
      SchedulerEvent.JobSubmitted job = submitted.get(60, TimeUnit.SECONDS);
      StageInfo map = stage(job, true);
      StageInfo reduce = stage(job, false);
      assertThat(reduce.parents()).containsExactly(map.stageId());

      WebDriver driver = startChromium(profile);
      try {
        driver.get(page(ui, "#/jobs"));
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        By jobLink = By.cssSelector("#jobs a[href='#/jobs/" + job.jobId() + "']");
        wait.until(d -> {
          d.findElement(jobLink).click();
          return true;
        });

        By nodes = By.cssSelector("svg#dag g.stage-node[data-stage-id]");
        By mapNode = By.cssSelector("svg#dag g.stage-node[data-stage-id='" + map.stageId() + "']");
        By reduceNode = By.cssSelector("svg#dag g.stage-node[data-stage-id='" + reduce.stageId() + "']");
        wait.until(d -> d.findElements(nodes).size() == 2
            && "RUNNING".equals(attribute(d, mapNode, "data-status"))
            && "PENDING".equals(attribute(d, reduceNode, "data-status")));
        List<WebElement> edges = driver.findElements(By.cssSelector("svg#dag g.shuffle-edge"));
        assertThat(edges).hasSize(1);
        assertThat(edges.get(0).getAttribute("data-from")).isEqualTo(String.valueOf(map.stageId()));
        assertThat(edges.get(0).getAttribute("data-to")).isEqualTo(String.valueOf(reduce.stageId()));
        screenshot(driver, "job-dag-running.png");

        RELEASE.countDown();
        wait.until(d -> "COMPLETE".equals(attribute(d, mapNode, "data-status"))
            && "COMPLETE".equals(attribute(d, reduceNode, "data-status")));
        By edgeLabel = By.cssSelector("svg#dag g.shuffle-edge-label text.edge-label");
        wait.until(d -> d.findElement(edgeLabel).getText().contains("rows"));
        assertThat(result.get(60, TimeUnit.SECONDS)).hasSize(KEYS)
            .allSatisfy(pair -> assertThat(pair.value()).isEqualTo(ROWS / KEYS));
        screenshot(driver, "job-dag.png");
        // a typed job's operators all run on the CPU: each line says so, and no line has a GPU badge
        assertThat(driver.findElements(By.cssSelector("svg#dag text.node-op[data-device='CPU']"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("svg#dag g.node-op-gpu"))).isEmpty();

        By mapLink = By.cssSelector("svg#dag g.stage-node[data-stage-id='" + map.stageId() + "'] a");
        wait.until(d -> {
          d.findElement(mapLink).click();
          return true;
        });
        wait.until(d -> d.getCurrentUrl().endsWith("#/stages/" + map.stageId()));
        wait.until(d -> d.findElements(By.cssSelector("svg#timeline rect.task-bar")).size() >= MAP_PARTITIONS
            && d.findElements(By.cssSelector("table#tasks tbody tr")).size() >= MAP_PARTITIONS);
        assertThat(driver.findElements(By.cssSelector("svg#timeline g.lane"))).isNotEmpty().hasSizeLessThanOrEqualTo(2);
        assertThat(driver.findElements(By.cssSelector("table#quantiles tbody tr"))).hasSize(4);
        assertThat(driver.findElements(By.cssSelector("table#tasks thead th")))
            .extracting(WebElement::getText).contains("Device", "GPU fallback");
        driver.manage().window().setSize(new Dimension(1280, 1400));
        screenshot(driver, "stage.png");

        driver.get(page(ui, "#/plan/" + job.jobId()));
        wait.until(d -> d.findElements(By.cssSelector("table#operators tbody tr")).size() >= 2);
        // and the plan's Device column says so
        assertThat(driver.findElements(By.cssSelector("table#operators td.device-cell")))
            .isNotEmpty().extracting(WebElement::getText).containsOnly("CPU");
        screenshot(driver, "plan.png");
        driver.get(page(ui, "#/executors"));
        wait.until(d -> !d.findElements(By.cssSelector("table#executors tbody tr")).isEmpty());
        screenshot(driver, "executors.png");

        List<String> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::toString)
            .collect(Collectors.toList());
        assertThat(severe).as("errors in the browser console").isEmpty();
      } finally {
        RELEASE.countDown();
        driver.quit();
      }
    } finally {
      RELEASE.countDown();
      runner.shutdownNow();
      assertThat(runner.awaitTermination(30, TimeUnit.SECONDS)).as("the job's thread ended").isTrue();
    }
  }

  /** The two-stage job: each map partition waits for the test, then the pairs are summed per key. */
  private static List<Pair<Long, Long>> countPerKey(Sluice sluice) {
    return sluice.range(0, ROWS, 1, MAP_PARTITIONS)
        .boxed()
        .mapPartitions(TestWebUiInBrowser::afterRelease, Long.class)
        .mapToPair(n -> Pair.of(n % KEYS, 1L))
        .reduceByKey(Long::sum, REDUCE_PARTITIONS)
        .asDataset()
        .collect();
  }

  private static Iterator<Long> afterRelease(Iterator<Long> partition) throws InterruptedException {
    if (!RELEASE.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the test never let the map tasks go");
    }
    Thread.sleep(150);
    List<Long> rows = new ArrayList<>();
    partition.forEachRemaining(rows::add);
    return rows.iterator();
  }

  /** The job's map stage (the one writing a shuffle) or its result stage. */
  private static StageInfo stage(SchedulerEvent.JobSubmitted job, boolean shuffleMap) {
    assertThat(job.stages()).as("the job's stages").hasSize(2);
    return job.stages().stream().filter(stage -> (stage.shuffleId() >= 0) == shuffleMap).findFirst()
        .orElseThrow(() -> new AssertionError("no " + (shuffleMap ? "map" : "result") + " stage in " + job.stages()));
  }

  private static String page(String uiUrl, String route) {
    return URI.create(uiUrl).resolve("/") + route;
  }

  private static String attribute(WebDriver driver, By by, String name) {
    List<WebElement> found = driver.findElements(by);
    return found.isEmpty() ? null : found.get(0).getAttribute(name);
  }

  private static WebDriver startChromium(Path profile) {
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
        "--no-first-run", "--no-default-browser-check", "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=1280,900");
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
    return new ChromeDriver(service, options);
  }

  private static void screenshot(WebDriver driver, String name) throws IOException {
    Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
  }
}
