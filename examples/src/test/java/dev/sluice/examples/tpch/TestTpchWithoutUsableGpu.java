package dev.sluice.examples.tpch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Sluice;
import dev.sluice.engine.error.EngineException;
import dev.sluice.scheduler.event.SchedulerEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TPC-H Q1 and Q6 on SF0.01 where a CUDA driver is installed but Sluice's kernels cannot run: the gpu
 * module's stand-in {@code libcuda.so.1} reporting no device ({@code fake-no-device} execution), and
 * one too old for the kernels' PTX ({@code fake-old-driver}: the probe finds a device, the module does
 * not load). With {@code sluice.gpu.enabled=auto} the unchanged production path detects it, places
 * every operator on the CPU with that reason, and gives the known answers without a batch trying the
 * GPU; with {@code sluice.gpu.enabled=true} the session does not start and says why.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TestTpchWithoutUsableGpu {
  @TempDir
  static Path data;

  static String environment;
  static Sluice sluice;
  static final List<SchedulerEvent.TaskSucceeded> tasks = new CopyOnWriteArrayList<>();
  /** What starting a session with sluice.gpu.enabled=true threw. */
  static Throwable gpuTrueStart;

  @BeforeAll
  static void setUp() throws Exception {
    environment = System.getProperty("sluice.test.gpu.environment");
    assumeTrue("fake-no-device".equals(environment) || "fake-old-driver".equals(environment),
        "runs in the examples module's fake-no-device and fake-old-driver executions");
    Path driver = Path.of(System.getProperty("sluice.test.fakecuda.dir", "../gpu/target/fakecuda"));
    assumeTrue(Files.exists(driver.resolve("libcuda.so.1")),
        "the stand-in libcuda.so.1 was not built (needs g++ and the gpu module built first): " + driver);
    TpchGenerator.write(data, "0.01");
    // before the shared session: getOrCreate() would hand that one back
    gpuTrueStart = catchThrowable(() -> Sluice.builder().master("local[1]").appName("tpch-gpu-true")
        .config("sluice.gpu.enabled", "true").getOrCreate().close());
    sluice = Sluice.builder().master("local[2]").appName("tpch-" + environment)
        .listener(event -> {
          if (event instanceof SchedulerEvent.TaskSucceeded succeeded) {
            tasks.add(succeeded);
          }
        })
        .getOrCreate();
  }

  @AfterAll
  static void tearDown() {
    if (sluice != null) {
      sluice.close();
    }
  }

  /** What explain() and a failed start must say in this environment. */
  private static String expectedReason() {
    return "fake-no-device".equals(environment) ? "no GPU" : "CUDA_ERROR_UNSUPPORTED_PTX_VERSION";
  }

  private static DataFrame lineitem() {
    return TpchQueries.table(sluice, data, "0.01", TpchQueries.Format.PARQUET, TpchTable.LINEITEM);
  }

  @Test
  void q1AndQ6RunOnTheCpuSayingWhyWithTheKnownAnswers() {
    DataFrame q1 = TpchQueries.q1(lineitem());
    String plan = q1.explainString(false);
    assertThat(plan).as(plan).doesNotContain("[GPU]")
        .containsPattern("Aggregate\\(partial\\) .*\\[CPU: .*" + java.util.regex.Pattern.quote(expectedReason()));
    tasks.clear();
    TestTpchOnGpu.assertQ1Answer(q1.collectAsList());
    TestTpchOnGpu.assertQ6Answer(TpchQueries.q6(lineitem()).first());
    assertThat(tasks).isNotEmpty().allSatisfy(task -> {
      assertThat(task.metrics().device()).isEqualTo("CPU");
      assertThat(task.metrics().gpuFallbackBatches()).as("no batch tried the GPU").isZero();
    });
  }

  @Test
  void gpuEnabledTrueRefusesToStartAndSaysWhy() {
    assertThat(gpuTrueStart)
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("sluice.gpu.enabled=true but")
        .hasMessageContaining(expectedReason());
  }
}
