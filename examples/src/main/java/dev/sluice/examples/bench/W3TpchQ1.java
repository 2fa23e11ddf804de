package dev.sluice.examples.bench;

import dev.sluice.api.Row;
import dev.sluice.api.Sluice;
import dev.sluice.examples.tpch.TpchQueries;
import dev.sluice.examples.tpch.TpchTable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * W3-tpch-q1: TPC-H Q1 over lineitem's Parquet files; checksum {@code rows=4,sum_charge=...,count=...}
 * (the sum of sum_charge to 2 decimals HALF_UP, the sum of count_order).
 */
public final class W3TpchQ1 implements Workload {
  @Override
  public String id() {
    return "W3-tpch-q1";
  }

  @Override
  public boolean readsData() {
    return true;
  }

  @Override
  public String run(Sluice sluice, BenchData data) {
    List<Row> rows = TpchQueries.q1(TpchTables.parquet(sluice, data, TpchTable.LINEITEM)).collectAsList();
    BigDecimal charge = BigDecimal.ZERO;
    long count = 0;
    for (Row row : rows) {
      charge = charge.add(row.getDecimal(row.fieldIndex("sum_charge")));
      count += row.getLong(row.fieldIndex("count_order"));
    }
    return Checksums.q1(rows.size(), charge, count);
  }

  @Override
  public Optional<Baseline> baseline() {
    return Optional.of(TpchBaselines::q1);
  }
}
