package dev.sluice.examples.bench;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Sluice;
import dev.sluice.examples.tpch.TpchQueries;
import dev.sluice.examples.tpch.TpchTable;

/** The bench's TPC-H inputs: the Parquet tables of {@code DIR/sf<SF>}. */
final class TpchTables {
  private TpchTables() {}

  static DataFrame parquet(Sluice sluice, BenchData data, TpchTable<?> table) {
    return sluice.read().parquet(data.tpchTable("parquet", table.name()).toString());
  }

  static String formatName() {
    return TpchQueries.Format.PARQUET.directoryName();
  }
}
