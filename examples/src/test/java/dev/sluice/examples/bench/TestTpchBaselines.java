package dev.sluice.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.examples.tpch.TpchGenerator;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain-Java baselines of W3–W6 give BENCHMARKS.md's SF0.01 checksums on generated data. */
class TestTpchBaselines {
  @TempDir
  static Path directory;

  static BenchData data;

  @BeforeAll
  static void generate() throws Exception {
    TpchGenerator.write(directory, "0.01");
    data = new BenchData(Optional.of(directory), Optional.of("0.01"));
  }

  @Test
  void testBaselinesGiveThePublishedAnswers() throws Exception {
    assertThat(TpchBaselines.q1(data)).isEqualTo("rows=4,sum_charge=2096391169.94,count=59307");
    assertThat(TpchBaselines.q6(data)).isEqualTo("revenue=1193053.2253");
    assertThat(TpchBaselines.q3(data)).isEqualTo("rows=10,top=47714,okeysum=225311,rev=2356499.3552");
    assertThat(TpchBaselines.sortKeys(data)).isEqualTo("13159,32416,1121,10246,13829,29732,4931,19648,47971,4738");
  }
}
