package dev.sluice.api;

import static dev.sluice.api.functions.avg;
import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.concat;
import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.countDistinct;
import static dev.sluice.api.functions.date_add;
import static dev.sluice.api.functions.lit;
import static dev.sluice.api.functions.max;
import static dev.sluice.api.functions.mean;
import static dev.sluice.api.functions.not;
import static dev.sluice.api.functions.substring;
import static dev.sluice.api.functions.sum;
import static dev.sluice.api.functions.to_date;
import static dev.sluice.api.functions.upper;
import static dev.sluice.api.functions.when;
import static dev.sluice.api.functions.year;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.expr.AggregateCall;
import dev.sluice.engine.expr.AggregateFunction;
import dev.sluice.engine.expr.Alias;
import dev.sluice.engine.expr.And;
import dev.sluice.engine.expr.Arithmetic;
import dev.sluice.engine.expr.CaseWhen;
import dev.sluice.engine.expr.Cast;
import dev.sluice.engine.expr.ColumnRef;
import dev.sluice.engine.expr.Comparison;
import dev.sluice.engine.expr.InList;
import dev.sluice.engine.expr.IsNull;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.expr.Not;
import dev.sluice.engine.expr.ScalarCall;
import dev.sluice.engine.expr.ScalarFunction;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.types.DataType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Columns build the expression trees the analyzer resolves; these check the trees and their SQL text. */
class TestColumn {
  private static final ColumnRef A = new ColumnRef("a");
  private static final ColumnRef B = new ColumnRef("b");

  @Test
  void testColumnNamesParseQualifiersAndBackquotes() {
    assertThat(col("a").expr()).isEqualTo(A);
    assertThat(col("o.price").expr()).isEqualTo(new ColumnRef("o", "price"));
    assertThat(col("`a.b`").expr()).isEqualTo(new ColumnRef(null, "a.b"));
    assertThat(col("o.`a.b`").expr()).isEqualTo(new ColumnRef("o", "a.b"));
    assertThat(col("*").expr()).isEqualTo(new ColumnRef("*"));
    assertThat(functions.column("x").expr()).isEqualTo(new ColumnRef("x"));
  }

  @Test
  void testArithmeticAndComparisonsTakeColumnsOrValues() {
    assertThat(col("a").plus(1).expr()).isEqualTo(new Arithmetic(Arithmetic.Op.ADD, A, Literal.of(1)));
    assertThat(col("a").minus(col("b")).expr()).isEqualTo(new Arithmetic(Arithmetic.Op.SUBTRACT, A, B));
    assertThat(col("a").multiply(2L).expr()).isEqualTo(new Arithmetic(Arithmetic.Op.MULTIPLY, A, Literal.of(2L)));
    assertThat(col("a").divide(2.0).expr()).isEqualTo(new Arithmetic(Arithmetic.Op.DIVIDE, A, Literal.of(2.0)));
    assertThat(col("a").mod(3).expr()).isEqualTo(new Arithmetic(Arithmetic.Op.REMAINDER, A, Literal.of(3)));
    assertThat(col("a").equalTo("x").expr()).isEqualTo(new Comparison(Comparison.Op.EQUAL, A, Literal.of("x")));
    assertThat(col("a").notEqual(1).expr().sql()).isEqualTo("(a != 1)");
    assertThat(col("a").lt(1).expr().sql()).isEqualTo("(a < 1)");
    assertThat(col("a").leq(1).expr().sql()).isEqualTo("(a <= 1)");
    assertThat(col("a").gt(1).expr().sql()).isEqualTo("(a > 1)");
    assertThat(col("a").geq(LocalDate.of(1994, 1, 1)).expr().sql()).isEqualTo("(a >= DATE '1994-01-01')");
    assertThat(col("a").between(new BigDecimal("0.05"), new BigDecimal("0.07")).toString())
        .isEqualTo("((a >= 0.05BD) AND (a <= 0.07BD))");
  }

  @Test
  void testLogicNullsAndInLists() {
    assertThat(col("a").gt(1).and(col("b").isNull()).expr())
        .isEqualTo(new And(new Comparison(Comparison.Op.GREATER, A, Literal.of(1)), new IsNull(B, false)));
    assertThat(col("a").isNotNull().or(col("b")).expr().sql()).isEqualTo("((a IS NOT NULL) OR b)");
    assertThat(not(col("a")).expr()).isEqualTo(new Not(A));
    assertThat(col("a").isin(1, 2, col("b")).expr())
        .isEqualTo(new InList(A, List.of(Literal.of(1), Literal.of(2), B)));
    assertThatThrownBy(() -> col("a").isin()).isInstanceOf(EngineException.class).hasMessageContaining("isin");
  }

  @Test
  void testStringAndDateFunctions() {
    assertThat(col("s").like("%BRASS").expr())
        .isEqualTo(new ScalarCall(ScalarFunction.LIKE, List.of(new ColumnRef("s"), Literal.of("%BRASS"))));
    assertThat(col("s").startsWith("PROMO").toString()).isEqualTo("startswith(s, 'PROMO')");
    assertThat(col("s").endsWith(col("t")).toString()).isEqualTo("endswith(s, t)");
    assertThat(col("s").contains("it's").toString()).isEqualTo("contains(s, 'it''s')");
    assertThat(col("s").substr(1, 3).toString()).isEqualTo("substring(s, 1, 3)");
    assertThat(substring(col("s"), 2, 5).toString()).isEqualTo("substring(s, 2, 5)");
    assertThat(upper(col("s")).toString()).isEqualTo("upper(s)");
    assertThat(concat(col("a"), lit("-"), col("b")).toString()).isEqualTo("concat(a, '-', b)");
    assertThat(year(col("d")).toString()).isEqualTo("year(d)");
    assertThat(date_add(col("d"), 7).toString()).isEqualTo("date_add(d, 7)");
    assertThat(functions.date_sub(col("d"), 7).toString()).isEqualTo("date_add(d, -7)");
    assertThat(functions.datediff(col("e"), col("d")).toString()).isEqualTo("datediff(e, d)");
    assertThat(functions.abs(col("a")).toString()).isEqualTo("abs(a)");
    assertThat(to_date(col("s")).expr()).isEqualTo(new Cast(new ColumnRef("s"), DataType.DATE32));
  }

  @Test
  void testCastsByTypeAndByName() {
    assertThat(col("a").cast("int").expr()).isEqualTo(new Cast(A, DataType.INT32));
    assertThat(col("a").cast("bigint").expr()).isEqualTo(new Cast(A, DataType.INT64));
    assertThat(col("a").cast("double").expr()).isEqualTo(new Cast(A, DataType.FLOAT64));
    assertThat(col("a").cast("decimal(15,2)").expr()).isEqualTo(new Cast(A, DataType.decimal(15, 2)));
    assertThat(col("a").cast("DATE").expr()).isEqualTo(new Cast(A, DataType.DATE32));
    assertThat(col("a").cast("string").expr()).isEqualTo(new Cast(A, DataType.UTF8));
    assertThat(col("a").cast("boolean").expr()).isEqualTo(new Cast(A, DataType.BOOLEAN));
    assertThat(col("a").cast(DataType.INT64).expr()).isEqualTo(new Cast(A, DataType.INT64));
    assertThatThrownBy(() -> col("a").cast("timestamp")).isInstanceOf(EngineException.class)
        .hasMessageContaining("Unknown type 'timestamp'").hasMessageContaining("decimal(p,s)");
  }

  @Test
  void testAliasesReplaceEachOther() {
    assertThat(col("a").alias("x").expr()).isEqualTo(new Alias(A, "x"));
    assertThat(col("a").as("x").name("y").expr()).isEqualTo(new Alias(A, "y"));
  }

  @Test
  void testSortOrdersFollowSparkNullOrdering() {
    assertThat(col("a").toSortKey()).isEqualTo(new SortKey(A, true, true));
    assertThat(col("a").asc().toSortKey()).isEqualTo(new SortKey(A, true, true));
    assertThat(col("a").desc().toSortKey()).isEqualTo(new SortKey(A, false, false));
    assertThat(col("a").asc_nulls_last().toSortKey()).isEqualTo(new SortKey(A, true, false));
    assertThat(col("a").desc_nulls_first().toSortKey()).isEqualTo(new SortKey(A, false, true));
    assertThat(functions.desc("a").toString()).isEqualTo("a DESC NULLS LAST");
    assertThatThrownBy(() -> col("a").desc().plus(1)).isInstanceOf(EngineException.class)
        .hasMessageContaining("only be used in orderBy");
  }

  @Test
  void testWhenChainsBuildOneCaseExpression() {
    Column chain = when(col("a").gt(1), "big").when(col("a").gt(0), "small").otherwise("none");
    assertThat(chain.expr()).isEqualTo(new CaseWhen(List.of(
        new CaseWhen.Branch(new Comparison(Comparison.Op.GREATER, A, Literal.of(1)), Literal.of("big")),
        new CaseWhen.Branch(new Comparison(Comparison.Op.GREATER, A, Literal.of(0)), Literal.of("small"))),
        Literal.of("none")));
    Column open = when(col("a").isNull(), 0);
    assertThat(((CaseWhen) open.expr()).otherwise()).isEqualTo(Column.NO_OTHERWISE);
    assertThatThrownBy(() -> chain.otherwise("again")).isInstanceOf(EngineException.class)
        .hasMessageContaining("otherwise() can only be applied");
    assertThatThrownBy(() -> col("a").when(col("b"), 1)).isInstanceOf(EngineException.class)
        .hasMessageContaining("when() can only be applied");
  }

  @Test
  void testAggregatesAreNamedAsSpark() {
    assertThat(sum("x").expr()).isEqualTo(new AggregateCall(AggregateFunction.SUM, new ColumnRef("x"), false));
    assertThat(count("*").expr()).isEqualTo(AggregateCall.countStar());
    assertThat(count("*").expr().outputName()).isEqualTo("count(1)");
    assertThat(count(col("x")).expr().outputName()).isEqualTo("count(x)");
    assertThat(countDistinct("x").expr().outputName()).isEqualTo("count(DISTINCT x)");
    assertThat(avg("x").expr().outputName()).isEqualTo("avg(x)");
    assertThat(mean(col("x")).expr().outputName()).isEqualTo("avg(x)");
    assertThat(max("x").expr().outputName()).isEqualTo("max(x)");
    assertThat(functions.min(col("x").multiply(2)).expr().outputName()).isEqualTo("min((x * 2))");
    assertThatThrownBy(() -> countDistinct("x", "y")).isInstanceOf(EngineException.class)
        .hasMessageContaining("several columns");
  }

  @Test
  void testLiteralsOfEveryJavaType() {
    assertThat(lit(1).expr()).isEqualTo(new Literal(1, DataType.INT32));
    assertThat(lit(1L).expr()).isEqualTo(new Literal(1L, DataType.INT64));
    assertThat(lit(1.5).expr()).isEqualTo(new Literal(1.5, DataType.FLOAT64));
    assertThat(lit("s").expr()).isEqualTo(new Literal("s", DataType.UTF8));
    assertThat(lit(true).expr()).isEqualTo(new Literal(true, DataType.BOOLEAN));
    assertThat(lit(LocalDate.of(1998, 9, 2)).expr()).isEqualTo(new Literal(LocalDate.of(1998, 9, 2), DataType.DATE32));
    assertThat(lit(new BigDecimal("0.06")).expr()).isEqualTo(new Literal(new BigDecimal("0.06"),
        DataType.decimal(3, 2)));
    assertThat(lit((short) 3).expr()).isEqualTo(new Literal(3, DataType.INT32));
    assertThat(((Literal) lit(null).expr()).value()).isNull();
    Column column = col("a");
    assertThat(lit(column)).isSameAs(column);
    assertThatThrownBy(() -> lit(new Object())).isInstanceOf(EngineException.class)
        .hasMessageContaining("Cannot make a literal");
  }

  @Test
  void testColumnsCompareByExpression() {
    assertThat(col("a").plus(1)).isEqualTo(col("a").plus(1)).hasSameHashCodeAs(col("a").plus(1));
    assertThat(col("a").asc()).isNotEqualTo(col("a"));
    assertThat(functions.coalesce(col("a"), col("b")).toString())
        .isEqualTo("CASE WHEN (a IS NOT NULL) THEN a ELSE b END");
  }
}
