package dev.sluice.examples.tpch;

import static dev.sluice.api.functions.avg;
import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.lit;
import static dev.sluice.api.functions.sum;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Sluice;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * TPC-H Q1, Q3 and Q6 on the DataFrame API, over the tables gen-data writes, as Parquet or as CSV
 * (read with the declared TPC-H schema, so money is decimal(15,2) either way).
 */
public final class TpchQueries {
  private TpchQueries() {}

  /** The file format of the tables. */
  public enum Format {
    PARQUET,
    CSV;

    public String directoryName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A table of {@code DIR/sf<SF>/<format>/}, as a DataFrame. */
  public static DataFrame table(Sluice sluice, Path data, String scaleFactor, Format format, TpchTable<?> table) {
    String directory = TpchGenerator.tableDirectory(data, scaleFactor, format.directoryName(), table.name()).toString();
    if (format == Format.PARQUET) {
      return sluice.read().parquet(directory);
    }
    return sluice.read().schema(table.ddl()).option("header", "true").option("delimiter", "|").csv(directory);
  }

  /** Q1, the pricing summary report: shipped lineitems by return flag and line status. */
  public static DataFrame q1(DataFrame lineitem) {
    var discounted = col("l_extendedprice").multiply(lit(BigDecimal.ONE).minus(col("l_discount")));
    return lineitem
        .where(col("l_shipdate").leq(lit(LocalDate.parse("1998-09-02"))))
        .groupBy("l_returnflag", "l_linestatus")
        .agg(sum("l_quantity").as("sum_qty"),
            sum("l_extendedprice").as("sum_base_price"),
            sum(discounted).as("sum_disc_price"),
            sum(discounted.multiply(lit(BigDecimal.ONE).plus(col("l_tax")))).as("sum_charge"),
            avg("l_quantity").as("avg_qty"),
            avg("l_extendedprice").as("avg_price"),
            avg("l_discount").as("avg_disc"),
            count("*").as("count_order"))
        .orderBy("l_returnflag", "l_linestatus");
  }

  /** Q6, the forecasting revenue change: revenue from 1994's small discounted lineitems. */
  public static DataFrame q6(DataFrame lineitem) {
    return lineitem
        .where(col("l_shipdate").geq(lit(LocalDate.parse("1994-01-01")))
            .and(col("l_shipdate").lt(lit(LocalDate.parse("1995-01-01"))))
            .and(col("l_discount").between(new BigDecimal("0.05"), new BigDecimal("0.07")))
            .and(col("l_quantity").lt(24)))
        .agg(sum(col("l_extendedprice").multiply(col("l_discount"))).as("revenue"));
  }

  /** Q3, the shipping priority: the 10 unshipped orders of BUILDING customers with the most revenue. */
  public static DataFrame q3(DataFrame customer, DataFrame orders, DataFrame lineitem) {
    LocalDate date = LocalDate.parse("1995-03-15");
    return customer.where(col("c_mktsegment").equalTo("BUILDING"))
        .join(orders.where(col("o_orderdate").lt(lit(date))), col("c_custkey").equalTo(col("o_custkey")))
        .join(lineitem.where(col("l_shipdate").gt(lit(date))), col("l_orderkey").equalTo(col("o_orderkey")))
        .groupBy("l_orderkey", "o_orderdate", "o_shippriority")
        .agg(sum(col("l_extendedprice").multiply(lit(BigDecimal.ONE).minus(col("l_discount")))).as("revenue"))
        .select(col("l_orderkey"), col("revenue"), col("o_orderdate"), col("o_shippriority"))
        .orderBy(col("revenue").desc(), col("o_orderdate").asc())
        .limit(10);
  }
}
