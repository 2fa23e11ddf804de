package dev.sluice.examples.bench;

import dev.sluice.api.Row;
import dev.sluice.api.Sluice;
import dev.sluice.examples.tpch.TpchQueries;
import dev.sluice.examples.tpch.TpchTable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * W5-tpch-q3: TPC-H Q3 over the Parquet files of customer, orders and lineitem; checksum
 * {@code rows=10,top=...,okeysum=...,rev=...}.
 */
public final class W5TpchQ3 implements Workload {
  @Override
  public String id() {
    return "W5-tpch-q3";
  }

  @Override
  public boolean readsData() {
    return true;
  }

  @Override
  public String run(Sluice sluice, BenchData data) {
    List<Row> rows = TpchQueries.q3(TpchTables.parquet(sluice, data, TpchTable.CUSTOMER),
        TpchTables.parquet(sluice, data, TpchTable.ORDERS),
        TpchTables.parquet(sluice, data, TpchTable.LINEITEM)).collectAsList();
    long[] keys = rows.stream().mapToLong(r -> r.getLong(r.fieldIndex("l_orderkey"))).toArray();
    BigDecimal revenue = rows.stream().map(r -> r.getDecimal(r.fieldIndex("revenue")))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    return Checksums.q3(keys, revenue);
  }

  @Override
  public Optional<Baseline> baseline() {
    return Optional.of(TpchBaselines::q3);
  }
}
