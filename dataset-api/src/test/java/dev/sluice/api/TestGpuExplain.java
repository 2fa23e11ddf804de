package dev.sluice.api;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.config.SluiceConfig;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code explain()} marks every physical operator with where it runs: {@code [GPU]} or
 * {@code [CPU: reason]}. There is no GPU on this machine, so every marker here is a CPU one; the
 * GPU placement itself is covered by {@code TestGpuPlacementRule} with a stand-in provider.
 */
class TestGpuExplain {
  private static final Schema LINES = new Schema(List.of(new Field("orderkey", DataType.INT64),
      new Field("quantity", DataType.INT64), new Field("price", DataType.decimal(15, 2)),
      new Field("discount", DataType.decimal(15, 2))));
  private static final Schema ORDERS = new Schema(List.of(new Field("o_orderkey", DataType.INT64),
      new Field("priority", DataType.UTF8)));

  private static List<Row> lines() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rows.add(RowFactory.create((long) (i % 17), (long) (i % 50), BigDecimal.valueOf(1000L + i * 37L, 2),
          BigDecimal.valueOf(i % 11, 2)));
    }
    return rows;
  }

  private static List<Row> orders() {
    List<Row> rows = new ArrayList<>();
    for (long key = 0; key < 17; key++) {
      rows.add(RowFactory.create(key, key % 3 == 0 ? "URGENT" : "LOW"));
    }
    return rows;
  }

  /** Q6's shape: a filter, a projection with arithmetic, a global sum. */
  private static DataFrame q6(Sluice sluice) {
    return sluice.createDataFrame(lines(), LINES)
        .filter(col("discount").geq(new BigDecimal("0.05")).and(col("discount").leq(new BigDecimal("0.07")))
            .and(col("quantity").lt(24)))
        .select(col("price").multiply(col("discount")).alias("revenue"))
        .agg(sum("revenue").alias("revenue"));
  }

  private static String physicalSection(String explained) {
    return explained.substring(explained.indexOf("== Physical Plan =="), explained.indexOf("== Stages =="));
  }

  private static List<String> operatorLines(String explained) {
    List<String> lines = new ArrayList<>(Arrays.asList(physicalSection(explained).split("\n")));
    lines.remove(0);
    return lines;
  }

  @Test
  void testEveryOperatorOfAQ6LikeQueryIsMarkedWithTheProbesReason() {
    try (Sluice sluice = KeyedRows.sessionBuilder("gpu-explain").getOrCreate()) {
      assertThat(sluice.device().available()).as("no GPU on this machine").isFalse();
      DataFrame query = q6(sluice);
      String explained = query.explainString(false);
      String marker = "[CPU: " + sluice.device().description() + "]";
      assertThat(marker).startsWith("[CPU: no GPU: ");
      List<String> lines = operatorLines(explained);
      assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).endsWith(marker));
      assertThat(lines).anySatisfy(line -> assertThat(line).contains("FilterProject where"));
      assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("Aggregate(final)"));
      // extended explain has the same markers; the stages section has none
      assertThat(query.explainString(true)).contains(physicalSection(explained));
      assertThat(explained.substring(explained.indexOf("== Stages =="))).doesNotContain("[CPU:");
      // the placed plan runs as before
      BigDecimal expected = BigDecimal.ZERO;
      for (Row row : lines()) {
        BigDecimal discount = row.getDecimal(3);
        if (discount.compareTo(new BigDecimal("0.05")) >= 0 && discount.compareTo(new BigDecimal("0.07")) <= 0
            && row.getLong(1) < 24) {
          expected = expected.add(row.getDecimal(2).multiply(discount));
        }
      }
      assertThat(query.collectAsList().get(0).getDecimal(0)).isEqualByComparingTo(expected);
    }
  }

  @Test
  void testDisabledSessionSaysSoOnEveryOperator() {
    try (Sluice sluice = KeyedRows.sessionBuilder("gpu-explain-off").config(SluiceConfig.GPU_ENABLED, "false")
        .getOrCreate()) {
      DataFrame joined = sluice.createDataFrame(lines(), LINES)
          .filter(col("quantity").lt(24))
          .join(sluice.createDataFrame(orders(), ORDERS), col("orderkey").equalTo(col("o_orderkey")))
          .groupBy("priority").agg(sum("price").alias("total"))
          .orderBy(col("total").desc());
      List<String> lines = operatorLines(joined.explainString(false));
      assertThat(lines).isNotEmpty()
          .allSatisfy(line -> assertThat(line).endsWith(" [CPU: disabled by sluice.gpu.enabled=false]"));
      assertThat(lines).anySatisfy(line -> assertThat(line).contains("HashJoin"));
      assertThat(lines).anySatisfy(line -> assertThat(line).contains("FilterProject"));
      assertThat(joined.collectAsList()).hasSize(2);
    }
  }

  @Test
  void testTypedPathIsMarkedUserLambda() {
    try (Sluice sluice = KeyedRows.sessionBuilder("gpu-explain-typed").getOrCreate()) {
      Dataset<String> typed = sluice.parallelize(List.of("a", "bb", "ccc"), 2).map(s -> s + "!", String.class)
          .filter(s -> s.length() > 2);
      List<String> lines = operatorLines(typed.explainString());
      assertThat(lines.get(0)).startsWith("RowPipeline[").endsWith(" [CPU: user lambda]");
      assertThat(lines.get(1)).startsWith("  +- ValuesScan[").endsWith("[CPU: " + sluice.device().description() + "]");
    }
  }
}
