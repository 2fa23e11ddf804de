package dev.sluice.examples.tpch;

import static dev.sluice.api.functions.avg;
import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.lit;
import static dev.sluice.api.functions.max;
import static dev.sluice.api.functions.min;
import static dev.sluice.api.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Row;
import dev.sluice.api.Sluice;
import dev.sluice.engine.config.SluiceConfig;
import dev.sluice.scheduler.event.OperatorDevice;
import dev.sluice.scheduler.event.SchedulerEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
 * TPC-H on SF0.01 with {@code sluice.gpu.enabled=true}. In CI it runs in the {@code fake-gpu}
 * surefire execution: the unchanged production path (probe, placement, JCuda launches from Arrow
 * buffers, per-batch fallback) runs the kernels' host builds through the gpu module's stand-in
 * {@code libcuda.so.1}. On a GPU machine {@code gpu/verify-on-gpu.sh} runs it against the real driver
 * ({@code -Dsluice.test.gpu.environment=real-gpu}).
 * Q1 and Q6 must run their partial aggregations on the (stand-in) GPU, without a batch falling back,
 * and give BENCHMARKS.md's answers; Q6's revenue projection, run as a FilterProject of its own, and
 * grouped aggregations by int64, date and string keys must equal a CPU session's rows. The hash
 * exchange under a grouped aggregation by an int64 key computes its rows' partitions on the GPU too
 * (without a fallback); with a string key it stays on the CPU and says why. A join shuffling both
 * sides (broadcasts are off in both sessions) partitions both on the GPU.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TestTpchOnGpu {
  @TempDir
  static Path data;

  static Sluice sluice;
  static final List<SchedulerEvent.TaskSucceeded> tasks = new CopyOnWriteArrayList<>();
  static final List<SchedulerEvent.JobSubmitted> jobs = new CopyOnWriteArrayList<>();
  static List<String> cpuRevenueRows;
  static List<List<String>> cpuGroupedRows;
  static List<String> cpuJoinRows;

  /** Q6's revenue expression as a projection of its own (a FilterProject over the scan), rows sorted. */
  private static DataFrame revenue() {
    return lineitem().select(col("l_orderkey"),
        col("l_extendedprice").multiply(col("l_discount")).as("revenue"), col("l_quantity").plus(lit(1)).as("q"));
  }

  private static List<String> revenueRows() {
    return sortedRows(revenue());
  }

  private static List<String> sortedRows(DataFrame frame) {
    return frame.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  /** An aggregation by an int64 key with ~100 groups per batch, and by a date and a string, over several types. */
  private static List<DataFrame> groupedAggregations() {
    DataFrame lineitem = lineitem();
    return List.of(
        lineitem.groupBy(col("l_suppkey")).agg(sum(col("l_quantity")), avg(col("l_extendedprice")),
            min(col("l_shipdate")), max(col("l_discount")), count(col("l_comment")), sum(col("l_linenumber"))),
        lineitem.groupBy(col("l_shipdate"), col("l_shipmode")).agg(
            sum(col("l_extendedprice").multiply(lit(1).minus(col("l_discount")))), max(col("l_orderkey"))));
  }

  /** lineitem joined with orders by shuffling both sides on the int64 order key (broadcasts are off). */
  private static DataFrame shuffledJoin() {
    DataFrame orders = TpchQueries.table(sluice, data, "0.01", TpchQueries.Format.PARQUET, TpchTable.ORDERS)
        .select(col("o_orderkey"), col("o_orderdate"));
    return lineitem().select(col("l_orderkey"), col("l_quantity"))
        .join(orders, col("l_orderkey").equalTo(col("o_orderkey")));
  }

  @BeforeAll
  static void setUp() throws Exception {
    String environment = System.getProperty("sluice.test.gpu.environment");
    assumeTrue("fake-gpu".equals(environment) || "real-gpu".equals(environment),
        "runs in the examples module's fake-gpu execution (the gpu module's stand-in libcuda.so.1), or with "
            + "-Dsluice.test.gpu.environment=real-gpu on a GPU machine (gpu/verify-on-gpu.sh)");
    if ("fake-gpu".equals(environment)) {
      Path driver = Path.of(System.getProperty("sluice.test.fakecuda.dir", "../gpu/target/fakecuda"));
      assumeTrue(Files.exists(driver.resolve("libcuda.so.1")),
          "the stand-in libcuda.so.1 was not built (needs g++ and the gpu module built first): " + driver);
    }
    TpchGenerator.write(data, "0.01");
    try (Sluice cpu = Sluice.builder().master("local[2]").appName("tpch-cpu").config("sluice.gpu.enabled", "false")
        .config(SluiceConfig.SQL_AUTO_BROADCAST_JOIN_THRESHOLD, "-1").getOrCreate()) {
      sluice = cpu;
      cpuRevenueRows = revenueRows();
      cpuGroupedRows = groupedAggregations().stream().map(TestTpchOnGpu::sortedRows).toList();
      cpuJoinRows = sortedRows(shuffledJoin());
    }
    sluice = Sluice.builder().master("local[2]").appName("tpch-fake-gpu").config("sluice.gpu.enabled", "true")
        .config(SluiceConfig.SQL_AUTO_BROADCAST_JOIN_THRESHOLD, "-1")
        .listener(event -> {
          if (event instanceof SchedulerEvent.TaskSucceeded succeeded) {
            tasks.add(succeeded);
          } else if (event instanceof SchedulerEvent.JobSubmitted submitted) {
            jobs.add(submitted);
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

  private static DataFrame lineitem() {
    return TpchQueries.table(sluice, data, "0.01", TpchQueries.Format.PARQUET, TpchTable.LINEITEM);
  }

  @Test
  void q6RevenueProjectionRunsOnTheGpuWithTheCpuRows() {
    assertThat(sluice.device().available()).as(sluice.device().toString()).isTrue();
    String plan = revenue().explainString(false);
    assertThat(plan).as(plan).containsPattern("FilterProject .*\\[GPU\\]");
    tasks.clear();
    assertThat(revenueRows()).hasSize(cpuRevenueRows.size()).isEqualTo(cpuRevenueRows);
    assertRanOnTheGpuWithoutFallback();
  }

  @Test
  void q6RunsItsPartialAggregationOnTheGpuWithTheCpuAnswer() {
    // Q6's filter is pushed into the Parquet scan; its sum(l_extendedprice * l_discount) runs on the GPU
    DataFrame q6 = TpchQueries.q6(lineitem());
    String plan = q6.explainString(false);
    assertThat(plan).as(plan).containsPattern("Aggregate\\(partial\\) .*\\[GPU\\]")
        .contains("CoalesceBatches to");
    tasks.clear();
    Row row = q6.first();
    assertQ6Answer(row);
    assertRanOnTheGpuWithoutFallback();
  }

  @Test
  void groupedAggregationsRunOnTheGpuWithTheCpuSessionsRows() {
    List<DataFrame> aggregations = groupedAggregations();
    // the map side of the hash exchange computes its partitions on the GPU for the int64 key, not with a string key
    List<String> exchanges = List.of("Exchange\\[hash\\(.*\\[GPU\\]$",
        "Exchange\\[hash\\(.*\\[CPU: key \\S+ of type utf8 not supported on GPU\\]$");
    for (int q = 0; q < aggregations.size(); q++) {
      String plan = aggregations.get(q).explainString(false);
      assertThat(plan).as(plan).containsPattern("Aggregate\\(partial\\) .*\\[GPU\\]");
      assertThat(plan.split("\n")).as(plan).filteredOn(line -> line.contains("Exchange[hash("))
          .singleElement().asString().containsPattern(exchanges.get(q));
      tasks.clear();
      assertThat(sortedRows(aggregations.get(q))).isEqualTo(cpuGroupedRows.get(q));
      assertRanOnTheGpuWithoutFallback();
    }
  }

  @Test
  void shuffledJoinPartitionsBothSidesOnTheGpuWithTheCpuSessionsRows() {
    String plan = shuffledJoin().explainString(false);
    List<String> exchanges = List.of(plan.split("\n")).stream().filter(line -> line.contains("Exchange[")).toList();
    assertThat(exchanges).as(plan).hasSize(2)
        .allSatisfy(line -> assertThat(line).containsPattern("Exchange\\[hash\\(.*\\[GPU\\]$"));
    // nothing else of the map sides runs on the GPU: a map task on the GPU is the exchange's doing
    assertThat(plan.split("\n")).as(plan).filteredOn(line -> line.endsWith("[GPU]")).hasSize(2);
    tasks.clear();
    assertThat(sortedRows(shuffledJoin())).hasSize(cpuJoinRows.size()).isEqualTo(cpuJoinRows);
    assertRanOnTheGpuWithoutFallback();
    // what the web UI draws: both map stages' shuffle writes say GPU
    assertThat(jobs.get(jobs.size() - 1).stages()).filteredOn(stage -> stage.shuffleId() >= 0).hasSize(2)
        .allSatisfy(stage -> assertThat(stage.devices().get(0)).as(stage.operators().get(0))
            .isEqualTo(OperatorDevice.GPU));
  }

  private static void assertRanOnTheGpuWithoutFallback() {
    assertThat(tasks).as("tasks that ran a batch on the (stand-in) GPU")
        .anySatisfy(task -> assertThat(task.metrics().device()).isEqualTo("GPU"));
    assertThat(tasks).allSatisfy(task -> assertThat(task.metrics().gpuFallbackBatches()).isZero());
  }

  @Test
  void q1RunsItsPartialAggregationOnTheGpuWithTheCpuAnswer() {
    DataFrame q1 = TpchQueries.q1(lineitem());
    // grouped by two strings (dictionary codes per batch), eight aggregates over decimal arithmetic
    String plan = q1.explainString(false);
    assertThat(plan).as(plan).containsPattern("Aggregate\\(partial\\) keys \\[l_returnflag, l_linestatus\\].*\\[GPU\\]");
    tasks.clear();
    List<Row> rows = q1.collectAsList();
    assertRanOnTheGpuWithoutFallback();
    // what the web UI draws: the partial aggregation's line of its stage says GPU
    assertThat(jobs.get(jobs.size() - 1).stages()).anySatisfy(stage -> {
      int gpu = stage.devices().indexOf(OperatorDevice.GPU);
      assertThat(gpu).as(stage.operators() + " " + stage.devices()).isNotNegative();
      assertThat(stage.operators().get(gpu)).contains("Aggregate(partial)");
    });
    assertQ1Answer(rows);
    // every operator line says where it runs and, on the CPU, why
    for (String line : q1.explainString(false).split("\n")) {
      if (line.contains("partitions=")) {
        assertThat(line).as(line).containsPattern("\\[(GPU|CPU: .+)\\]$");
      }
    }
  }

  /** Q1 at SF0.01 as BENCHMARKS.md gives it: 4 groups, their charges and counts summed. */
  static void assertQ1Answer(List<Row> rows) {
    BigDecimal charge = BigDecimal.ZERO;
    long count = 0;
    for (Row row : rows) {
      charge = charge.add(row.getDecimal(row.fieldIndex("sum_charge")));
      count += row.getLong(row.fieldIndex("count_order"));
    }
    assertThat("rows=" + rows.size() + ",sum_charge=" + charge.setScale(2, RoundingMode.HALF_UP).toPlainString()
        + ",count=" + count).isEqualTo("rows=4,sum_charge=2096391169.94,count=59307");
  }

  /** Q6 at SF0.01 as BENCHMARKS.md gives it. */
  static void assertQ6Answer(Row row) {
    assertThat(row.getDecimal(0).setScale(4, RoundingMode.HALF_UP).toPlainString()).isEqualTo("1193053.2253");
  }
}
