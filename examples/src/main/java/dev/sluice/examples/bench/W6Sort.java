package dev.sluice.examples.bench;

import static dev.sluice.api.functions.col;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Row;
import dev.sluice.api.Sluice;
import dev.sluice.examples.tpch.TpchTable;
import java.util.Iterator;
import java.util.Optional;

/**
 * W6-sort: a full DataFrame sort of lineitem by (l_extendedprice DESC, l_orderkey ASC) with every
 * row materialized (all columns pass through the sort and reach the driver); checksum = the
 * l_orderkey of the first 10 rows.
 */
public final class W6Sort implements Workload {
  @Override
  public String id() {
    return "W6-sort";
  }

  @Override
  public boolean readsData() {
    return true;
  }

  @Override
  public String run(Sluice sluice, BenchData data) {
    DataFrame sorted = TpchTables.parquet(sluice, data, TpchTable.LINEITEM)
        .orderBy(col("l_extendedprice").desc(), col("l_orderkey").asc());
    long[] first = new long[10];
    int count = 0;
    long rows = 0;
    for (Iterator<Row> it = sorted.toLocalIterator(); it.hasNext(); rows++) {
      Row row = it.next();
      if (count < first.length) {
        first[count++] = row.getLong(0);
      }
    }
    return Checksums.sort(java.util.Arrays.copyOf(first, count));
  }

  @Override
  public Optional<Baseline> baseline() {
    return Optional.of(TpchBaselines::sortKeys);
  }
}
