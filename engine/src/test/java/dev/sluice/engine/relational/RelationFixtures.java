package dev.sluice.engine.relational;

import dev.sluice.engine.expr.AggregateCall;
import dev.sluice.engine.expr.AggregateFunction;
import dev.sluice.engine.expr.Alias;
import dev.sluice.engine.expr.And;
import dev.sluice.engine.expr.Arithmetic;
import dev.sluice.engine.expr.ColumnRef;
import dev.sluice.engine.expr.Comparison;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.source.FileFormat;
import dev.sluice.engine.source.FileSource;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** TPC-H-shaped file sources built by hand and a small expression vocabulary, for planning tests. */
public final class RelationFixtures {
  public static final DataType MONEY = DataType.decimal(15, 2);

  private RelationFixtures() {}

  public static Schema lineitemSchema() {
    return schema("l_orderkey", DataType.INT64, "l_partkey", DataType.INT64, "l_suppkey", DataType.INT64,
        "l_linenumber", DataType.INT32, "l_quantity", MONEY, "l_extendedprice", MONEY, "l_discount", MONEY,
        "l_tax", MONEY, "l_returnflag", DataType.UTF8, "l_linestatus", DataType.UTF8, "l_shipdate", DataType.DATE32,
        "l_commitdate", DataType.DATE32, "l_receiptdate", DataType.DATE32, "l_shipinstruct", DataType.UTF8,
        "l_shipmode", DataType.UTF8, "l_comment", DataType.UTF8);
  }

  public static Schema ordersSchema() {
    return schema("o_orderkey", DataType.INT64, "o_custkey", DataType.INT64, "o_orderstatus", DataType.UTF8,
        "o_totalprice", MONEY, "o_orderdate", DataType.DATE32, "o_orderpriority", DataType.UTF8, "o_clerk",
        DataType.UTF8, "o_shippriority", DataType.INT32, "o_comment", DataType.UTF8);
  }

  public static Schema customerSchema() {
    return schema("c_custkey", DataType.INT64, "c_name", DataType.UTF8, "c_address", DataType.UTF8, "c_nationkey",
        DataType.INT64, "c_phone", DataType.UTF8, "c_acctbal", MONEY, "c_mktsegment", DataType.UTF8, "c_comment",
        DataType.UTF8);
  }

  /** A schema from alternating names and types. */
  public static Schema schema(Object... namesAndTypes) {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      fields.add(new Field((String) namesAndTypes[i], (DataType) namesAndTypes[i + 1]));
    }
    return new Schema(fields);
  }

  /** {@code files} files of {@code bytesPerFile} bytes each. */
  public static FileSource source(String table, Schema schema, FileFormat format, int files, long bytesPerFile) {
    List<String> paths = new ArrayList<>();
    List<Long> sizes = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      paths.add("/data/" + table + "/part-" + i + "." + format.name().toLowerCase(java.util.Locale.ROOT));
      sizes.add(bytesPerFile);
    }
    return new FileSource(format, paths, sizes, schema, Map.of());
  }

  public static ScanRelation lineitem() {
    return ScanRelation.of(source("lineitem", lineitemSchema(), FileFormat.PARQUET, 4, 50_000_000));
  }

  public static ScanRelation orders() {
    return ScanRelation.of(source("orders", ordersSchema(), FileFormat.PARQUET, 4, 12_000_000));
  }

  public static ScanRelation customer() {
    return ScanRelation.of(source("customer", customerSchema(), FileFormat.PARQUET, 4, 3_000_000));
  }

  /** A scan of a small parquet table with the given columns. */
  public static ScanRelation table(String name, Object... namesAndTypes) {
    return ScanRelation.of(source(name, schema(namesAndTypes), FileFormat.PARQUET, 2, 1_000));
  }

  public static ColumnRef col(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? new ColumnRef(name) : new ColumnRef(name.substring(0, dot), name.substring(dot + 1));
  }

  public static Literal lit(Object value) {
    return Literal.of(value);
  }

  public static Literal date(String text) {
    return Literal.of(LocalDate.parse(text));
  }

  public static Literal decimal(String text) {
    return Literal.of(new BigDecimal(text));
  }

  public static Comparison eq(Expression left, Expression right) {
    return new Comparison(Comparison.Op.EQUAL, left, right);
  }

  public static Comparison lt(Expression left, Expression right) {
    return new Comparison(Comparison.Op.LESS, left, right);
  }

  public static Comparison le(Expression left, Expression right) {
    return new Comparison(Comparison.Op.LESS_OR_EQUAL, left, right);
  }

  public static Comparison gt(Expression left, Expression right) {
    return new Comparison(Comparison.Op.GREATER, left, right);
  }

  public static Comparison ge(Expression left, Expression right) {
    return new Comparison(Comparison.Op.GREATER_OR_EQUAL, left, right);
  }

  public static And and(Expression left, Expression right) {
    return new And(left, right);
  }

  public static Arithmetic plus(Expression left, Expression right) {
    return new Arithmetic(Arithmetic.Op.ADD, left, right);
  }

  public static Arithmetic minus(Expression left, Expression right) {
    return new Arithmetic(Arithmetic.Op.SUBTRACT, left, right);
  }

  public static Arithmetic times(Expression left, Expression right) {
    return new Arithmetic(Arithmetic.Op.MULTIPLY, left, right);
  }

  public static Arithmetic div(Expression left, Expression right) {
    return new Arithmetic(Arithmetic.Op.DIVIDE, left, right);
  }

  public static Alias as(Expression child, String name) {
    return new Alias(child, name);
  }

  public static AggregateCall sum(Expression input) {
    return new AggregateCall(AggregateFunction.SUM, input, false);
  }

  public static AggregateCall avg(Expression input) {
    return new AggregateCall(AggregateFunction.AVG, input, false);
  }

  public static AggregateCall min(Expression input) {
    return new AggregateCall(AggregateFunction.MIN, input, false);
  }

  public static AggregateCall max(Expression input) {
    return new AggregateCall(AggregateFunction.MAX, input, false);
  }

  public static AggregateCall count(Expression input) {
    return new AggregateCall(AggregateFunction.COUNT, input, false);
  }

  public static AggregateCall countDistinct(Expression input) {
    return new AggregateCall(AggregateFunction.COUNT, input, true);
  }
}
