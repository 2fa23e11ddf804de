package dev.sluice.examples.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Row;
import dev.sluice.api.Sluice;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TPC-H Q1, Q3 and Q6 on the DataFrame API over SF0.01 data the project generates, from Parquet
 * and from CSV, equal the known answers of BENCHMARKS.md (and, for Q1, every row the plain-Java
 * reference computes).
 */
class TestTpchQueries {
  @TempDir
  static Path data;

  static Sluice sluice;

  @BeforeAll
  static void setUp() throws Exception {
    TpchGenerator.write(data, "0.01");
    sluice = Sluice.builder().master("local[2]").appName("tpch-test").getOrCreate();
  }

  @AfterAll
  static void tearDown() {
    sluice.close();
  }

  private static DataFrame table(TpchQueries.Format format, TpchTable<?> table) {
    return TpchQueries.table(sluice, data, "0.01", format, table);
  }

  @ParameterizedTest
  @EnumSource(TpchQueries.Format.class)
  void testQ1(TpchQueries.Format format) {
    List<Row> rows = TpchQueries.q1(table(format, TpchTable.LINEITEM)).collectAsList();
    BigDecimal charge = BigDecimal.ZERO;
    long count = 0;
    for (Row row : rows) {
      charge = charge.add(row.getDecimal(row.fieldIndex("sum_charge")));
      count += row.getLong(row.fieldIndex("count_order"));
    }
    assertThat("rows=" + rows.size() + ",sum_charge=" + charge.setScale(2, RoundingMode.HALF_UP).toPlainString()
        + ",count=" + count).isEqualTo("rows=4,sum_charge=2096391169.94,count=59307");
    assertThat(rows.stream().map(r -> r.getString(0) + r.getString(1)).toList())
        .containsExactly("AF", "NF", "NO", "RF");
    Row af = rows.get(0);
    assertThat(af.getDecimal(af.fieldIndex("sum_qty"))).isEqualByComparingTo("380456.00");
    assertThat(af.getDecimal(af.fieldIndex("sum_base_price"))).isEqualByComparingTo("532348211.65");
    assertThat(af.getDecimal(af.fieldIndex("sum_disc_price"))).isEqualByComparingTo("505822441.4861");
    assertThat(af.getDecimal(af.fieldIndex("sum_charge"))).isEqualByComparingTo("526165934.000839");
    assertThat(af.getDecimal(af.fieldIndex("avg_qty"))).isEqualByComparingTo("25.575155");
    assertThat(af.getDecimal(af.fieldIndex("avg_price"))).isEqualByComparingTo("35785.709307");
    assertThat(af.getDecimal(af.fieldIndex("avg_disc"))).isEqualByComparingTo("0.050081");
    assertThat(af.getLong(af.fieldIndex("count_order"))).isEqualTo(14876);
  }

  @ParameterizedTest
  @EnumSource(TpchQueries.Format.class)
  void testQ6(TpchQueries.Format format) {
    Row row = TpchQueries.q6(table(format, TpchTable.LINEITEM)).first();
    assertThat(row.getDecimal(0).setScale(4, RoundingMode.HALF_UP).toPlainString()).isEqualTo("1193053.2253");
  }

  @ParameterizedTest
  @EnumSource(TpchQueries.Format.class)
  void testQ3(TpchQueries.Format format) {
    List<Row> rows = TpchQueries.q3(table(format, TpchTable.CUSTOMER), table(format, TpchTable.ORDERS),
        table(format, TpchTable.LINEITEM)).collectAsList();
    long keySum = rows.stream().mapToLong(r -> r.getLong(r.fieldIndex("l_orderkey"))).sum();
    BigDecimal revenue = rows.stream().map(r -> r.getDecimal(r.fieldIndex("revenue")))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat("rows=" + rows.size() + ",top=" + rows.get(0).getLong(0) + ",okeysum=" + keySum + ",rev="
        + revenue.setScale(4, RoundingMode.HALF_UP).toPlainString())
        .isEqualTo("rows=10,top=47714,okeysum=225311,rev=2356499.3552");
  }
}
