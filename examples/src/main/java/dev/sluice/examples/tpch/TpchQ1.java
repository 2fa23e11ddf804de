package dev.sluice.examples.tpch;

import dev.sluice.api.Sluice;
import java.io.PrintStream;

/**
 * TPC-H Q1, the pricing summary report (lineitem by return flag and line status), on the DataFrame API; prints the result table.
 *
 * <pre>{@code bin/sluice run-example tpch-q1 --data DIR --sf SF [--format parquet|csv] [--master M]}</pre>
 */
public final class TpchQ1 {
  private TpchQ1() {}

  /** Runs the query and prints its result table to standard output; returns the exit status 0. */
  public static int run(String[] arguments) {
    TpchArgs args = TpchArgs.parse(arguments);
    try (Sluice sluice = args.session("tpch-q1")) {
      TpchQueries.q1(TpchQueries.table(sluice, args.data(), args.scaleFactor(), args.format(), TpchTable.LINEITEM)).show();
    }
    return 0;
  }
}
