package dev.sluice.examples.tpch;

import dev.sluice.api.Sluice;
import java.io.PrintStream;

/**
 * TPC-H Q6, the forecasting revenue change (revenue of 1994's small discounted lineitems), on the DataFrame API; prints the result table.
 *
 * <pre>{@code bin/sluice run-example tpch-q6 --data DIR --sf SF [--format parquet|csv] [--master M]}</pre>
 */
public final class TpchQ6 {
  private TpchQ6() {}

  /** Runs the query and prints its result table to standard output; returns the exit status 0. */
  public static int run(String[] arguments) {
    TpchArgs args = TpchArgs.parse(arguments);
    try (Sluice sluice = args.session("tpch-q6")) {
      TpchQueries.q6(TpchQueries.table(sluice, args.data(), args.scaleFactor(), args.format(), TpchTable.LINEITEM)).show();
    }
    return 0;
  }
}
