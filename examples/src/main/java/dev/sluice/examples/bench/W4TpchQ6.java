package dev.sluice.examples.bench;

import dev.sluice.api.Row;
import dev.sluice.api.Sluice;
import dev.sluice.examples.tpch.TpchQueries;
import dev.sluice.examples.tpch.TpchTable;
import java.math.BigDecimal;
import java.util.Optional;

/** W4-tpch-q6: TPC-H Q6 over lineitem's Parquet files; checksum {@code revenue=...} (4 decimals). */
public final class W4TpchQ6 implements Workload {
  @Override
  public String id() {
    return "W4-tpch-q6";
  }

  @Override
  public boolean readsData() {
    return true;
  }

  @Override
  public String run(Sluice sluice, BenchData data) {
    Row row = TpchQueries.q6(TpchTables.parquet(sluice, data, TpchTable.LINEITEM)).first();
    BigDecimal revenue = row.isNullAt(0) ? BigDecimal.ZERO : row.getDecimal(0);
    return Checksums.q6(revenue);
  }

  @Override
  public Optional<Baseline> baseline() {
    return Optional.of(TpchBaselines::q6);
  }
}
