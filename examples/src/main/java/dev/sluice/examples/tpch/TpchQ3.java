package dev.sluice.examples.tpch;

import dev.sluice.api.Sluice;
import java.io.PrintStream;

/**
 * TPC-H Q3, the shipping priority (the 10 unshipped orders of BUILDING customers with the most revenue), on the DataFrame API; prints the result table.
 *
 * <pre>{@code bin/sluice run-example tpch-q3 --data DIR --sf SF [--format parquet|csv] [--master M]}</pre>
 */
public final class TpchQ3 {
  private TpchQ3() {}

  /** Runs the query and prints its result table to standard output; returns the exit status 0. */
  public static int run(String[] arguments) {
    TpchArgs args = TpchArgs.parse(arguments);
    try (Sluice sluice = args.session("tpch-q3")) {
      TpchQueries.q3(TpchQueries.table(sluice, args.data(), args.scaleFactor(), args.format(), TpchTable.CUSTOMER),
          TpchQueries.table(sluice, args.data(), args.scaleFactor(), args.format(), TpchTable.ORDERS),
          TpchQueries.table(sluice, args.data(), args.scaleFactor(), args.format(), TpchTable.LINEITEM)).show();
    }
    return 0;
  }
}
