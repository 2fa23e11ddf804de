package dev.sluice.examples.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator writes BENCHMARKS.md's layout, and plain-Java TPC-H over its CSV gives the
 * published SF0.01 answers (so the data, not only the engine, is right).
 */
class TestTpchGenerator {
  @TempDir
  static Path data;

  @BeforeAll
  static void generate() throws Exception {
    TpchGenerator.write(data, "0.01");
  }

  @Test
  void testLayout() {
    for (String format : List.of("parquet", "csv")) {
      for (String table : List.of("lineitem", "orders", "customer")) {
        for (int part = 0; part < 4; part++) {
          Path file = TpchGenerator.tableDirectory(data, "0.01", format, table).resolve("part-" + part + "." + format);
          assertThat(file).isRegularFile();
        }
      }
    }
    assertThat(data.resolve("sf0.01")).isDirectory();
  }

  @Test
  void testCsvHeaderAndRowCounts() throws Exception {
    Path lineitem = TpchGenerator.tableDirectory(data, "0.01", "csv", "lineitem");
    assertThat(Files.readAllLines(lineitem.resolve("part-0.csv")).get(0))
        .isEqualTo(String.join("|", TpchTable.LINEITEM.schema().fields().stream().map(f -> f.name()).toList()));
    assertThat(TpchAnswers.rows(lineitem)).hasSize(60175);
    assertThat(TpchAnswers.rows(TpchGenerator.tableDirectory(data, "0.01", "csv", "orders"))).hasSize(15000);
    assertThat(TpchAnswers.rows(TpchGenerator.tableDirectory(data, "0.01", "csv", "customer"))).hasSize(1500);
  }

  @Test
  void testPlainJavaAnswersMatchBenchmarks() throws Exception {
    List<String[]> lineitem = TpchAnswers.rows(TpchGenerator.tableDirectory(data, "0.01", "csv", "lineitem"));
    assertThat(TpchAnswers.q1(lineitem)).isEqualTo("rows=4,sum_charge=2096391169.94,count=59307");
    assertThat(TpchAnswers.q6(lineitem)).isEqualTo("revenue=1193053.2253");
    assertThat(TpchAnswers.q3(TpchAnswers.rows(TpchGenerator.tableDirectory(data, "0.01", "csv", "customer")),
        TpchAnswers.rows(TpchGenerator.tableDirectory(data, "0.01", "csv", "orders")), lineitem))
        .isEqualTo("rows=10,top=47714,okeysum=225311,rev=2356499.3552");
  }
}
