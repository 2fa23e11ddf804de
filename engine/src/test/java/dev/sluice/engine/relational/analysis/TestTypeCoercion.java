package dev.sluice.engine.relational.analysis;

import static dev.sluice.engine.relational.RelationFixtures.as;
import static dev.sluice.engine.relational.RelationFixtures.col;
import static dev.sluice.engine.relational.RelationFixtures.date;
import static dev.sluice.engine.relational.RelationFixtures.decimal;
import static dev.sluice.engine.relational.RelationFixtures.div;
import static dev.sluice.engine.relational.RelationFixtures.eq;
import static dev.sluice.engine.relational.RelationFixtures.gt;
import static dev.sluice.engine.relational.RelationFixtures.lit;
import static dev.sluice.engine.relational.RelationFixtures.plus;
import static dev.sluice.engine.relational.RelationFixtures.sum;
import static dev.sluice.engine.relational.RelationFixtures.table;
import static dev.sluice.engine.relational.RelationFixtures.times;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.And;
import dev.sluice.engine.expr.Arithmetic;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.CaseWhen;
import dev.sluice.engine.expr.Cast;
import dev.sluice.engine.expr.Comparison;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.InList;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.expr.ScalarCall;
import dev.sluice.engine.expr.ScalarFunction;
import dev.sluice.engine.relational.AggregateRelation;
import dev.sluice.engine.relational.FilterRelation;
import dev.sluice.engine.relational.JoinRelation;
import dev.sluice.engine.relational.JoinType;
import dev.sluice.engine.relational.ProjectRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.types.DataType;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The casts the analyzer inserts, and the type errors it raises, per expression contract. */
class TestTypeCoercion {
  private static final DataType MONEY = DataType.decimal(15, 2);
  private static final Relation T = table("t", "i", DataType.INT32, "l", DataType.INT64, "d", DataType.FLOAT64,
      "m", MONEY, "s", DataType.UTF8, "dt", DataType.DATE32, "b", DataType.BOOLEAN, "n", DataType.decimal(10, 4));
  private static final BoundRef I = new BoundRef(0, "i", DataType.INT32);
  private static final BoundRef L = new BoundRef(1, "l", DataType.INT64);
  private static final BoundRef D = new BoundRef(2, "d", DataType.FLOAT64);
  private static final BoundRef M = new BoundRef(3, "m", MONEY);
  private static final BoundRef S = new BoundRef(4, "s", DataType.UTF8);
  private static final BoundRef DT = new BoundRef(5, "dt", DataType.DATE32);
  private static final BoundRef N = new BoundRef(7, "n", DataType.decimal(10, 4));

  private static Expression select(Expression expression) {
    return ((ProjectRelation) Analyzer.analyze(new ProjectRelation(T, List.of(expression)))).projections().get(0);
  }

  private static Expression where(Expression condition) {
    return ((FilterRelation) Analyzer.analyze(new FilterRelation(T, condition))).condition();
  }

  private static void assertTypeError(Expression expression, String message) {
    assertThatThrownBy(() -> select(expression)).isInstanceOfSatisfying(EngineException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.TYPE_MISMATCH);
      assertThat(e.getMessage()).isEqualTo(message);
    });
  }

  @Test
  void testNumbersWidenIntToLongToDecimalToDouble() {
    assertThat(select(plus(col("i"), col("l")))).isEqualTo(new Arithmetic(Arithmetic.Op.ADD,
        new Cast(I, DataType.INT64), L));
    assertThat(select(plus(col("m"), col("i")))).isEqualTo(new Arithmetic(Arithmetic.Op.ADD, M,
        new Cast(I, DataType.decimal(10, 0))));
    assertThat(select(times(col("l"), col("m"))).dataType()).isEqualTo(DataType.decimal(36, 2));
    assertThat(select(plus(col("m"), col("d")))).isEqualTo(new Arithmetic(Arithmetic.Op.ADD,
        new Cast(M, DataType.FLOAT64), D));
    // decimals of different precision and scale stay as they are; the result follows DecimalTypes
    Expression mixed = select(plus(col("m"), col("n")));
    assertThat(mixed).isEqualTo(new Arithmetic(Arithmetic.Op.ADD, M, N));
    assertThat(mixed.dataType()).isEqualTo(DataType.decimal(18, 4));
  }

  @Test
  void testIntegerDivisionIsFloatingPointAndLiteralsConvertInPlace() {
    assertThat(select(div(col("i"), col("l")))).isEqualTo(new Arithmetic(Arithmetic.Op.DIVIDE,
        new Cast(I, DataType.FLOAT64), new Cast(L, DataType.FLOAT64)));
    assertThat(select(div(col("l"), lit(2)))).isEqualTo(new Arithmetic(Arithmetic.Op.DIVIDE,
        new Cast(L, DataType.FLOAT64), new Literal(2.0, DataType.FLOAT64)));
    assertThat(select(div(col("m"), lit(2)))).isEqualTo(new Arithmetic(Arithmetic.Op.DIVIDE, M,
        new Literal(new BigDecimal("2"), DataType.decimal(10, 0))));
    assertThat(where(gt(col("l"), lit(5)))).isEqualTo(new Comparison(Comparison.Op.GREATER, L,
        new Literal(5L, DataType.INT64)));
    assertThat(where(gt(col("m"), decimal("0.05")))).isEqualTo(new Comparison(Comparison.Op.GREATER, M,
        decimal("0.05")));
  }

  @Test
  void testDatesMeetStringsAsDates() {
    assertThat(where(gt(col("dt"), lit("1998-09-02")))).isEqualTo(new Comparison(Comparison.Op.GREATER, DT,
        date("1998-09-02")));
    assertThat(where(eq(col("s"), col("dt")))).isEqualTo(new Comparison(Comparison.Op.EQUAL,
        new Cast(S, DataType.DATE32), DT));
    assertThat(select(new ScalarCall(ScalarFunction.YEAR, List.of(lit("2020-02-29"))))).isEqualTo(
        new ScalarCall(ScalarFunction.YEAR, List.of(date("2020-02-29"))));
    assertThat(select(new ScalarCall(ScalarFunction.DATE_ADD, List.of(col("dt"), col("l"))))).isEqualTo(
        new ScalarCall(ScalarFunction.DATE_ADD, List.of(DT, new Cast(L, DataType.INT32))));
  }

  @Test
  void testCaseWhenAndInListTakeTheCommonType() {
    Expression caseWhen = select(new CaseWhen(List.of(new CaseWhen.Branch(gt(col("i"), lit(0)), col("i"))),
        Literal.nullOf(DataType.UTF8)));
    assertThat(caseWhen).isEqualTo(new CaseWhen(List.of(new CaseWhen.Branch(
        new Comparison(Comparison.Op.GREATER, I, lit(0)), I)), Literal.nullOf(DataType.INT32)));
    Expression widened = select(new CaseWhen(List.of(new CaseWhen.Branch(col("b"), col("i"))), col("m")));
    assertThat(widened.dataType()).isEqualTo(DataType.decimal(15, 2));
    assertThat(((CaseWhen) widened).branches().get(0).value()).isEqualTo(new Cast(I, DataType.decimal(15, 2)));

    Expression in = where(new InList(col("m"), List.of(lit(1), decimal("2.5"))));
    assertThat(in).isEqualTo(new InList(M, List.of(new Literal(new BigDecimal("1.00"), MONEY),
        new Literal(new BigDecimal("2.50"), MONEY))));
    Expression inLong = where(new InList(col("i"), List.of(lit(1L), lit(2))));
    assertThat(inLong).isEqualTo(new InList(new Cast(I, DataType.INT64), List.of(lit(1L), lit(2L))));
  }

  @Test
  void testJoinKeysOfDifferentTypesMeetInTheCommonType() {
    Relation left = table("a", "k", DataType.INT32);
    Relation right = table("b", "k2", DataType.INT64);
    JoinRelation join = (JoinRelation) Analyzer.analyze(new JoinRelation(left, right, JoinType.INNER,
        eq(col("k"), col("k2"))));
    assertThat(join.condition()).isEqualTo(new Comparison(Comparison.Op.EQUAL,
        new Cast(new BoundRef(0, "k", DataType.INT32), DataType.INT64), new BoundRef(1, "k2", DataType.INT64)));
  }

  @Test
  void testTypeErrorsNameTheExpressionAndTheTypes() {
    assertTypeError(plus(col("dt"), lit(1)), "Cannot apply '+' to dt (date32) and 1 (int32): arithmetic needs "
        + "numbers (int32, int64, float64 or decimal); use date_add(date, days) or datediff(end, start) for dates");
    assertTypeError(plus(col("s"), col("i")), "Cannot apply '+' to s (utf8) and i (int32): arithmetic needs "
        + "numbers (int32, int64, float64 or decimal)");
    assertTypeError(new ScalarCall(ScalarFunction.UPPER, List.of(col("i"))),
        "upper(i): argument 1 (i) must be utf8 (cast it to a string first), got int32");
    assertTypeError(gt(col("s"), col("i")), "Cannot compare s (utf8) with i (int32) in (s > i); cast one side to "
        + "the other's type");
    assertTypeError(new Cast(col("dt"), DataType.INT32), "Cannot cast dt (date32) to int32");
    assertTypeError(new And(col("b"), col("i")), "AND needs boolean operands, but i is int32 in (b AND i)");
    assertTypeError(new ScalarCall(ScalarFunction.ABS, List.of(col("s"))),
        "abs(s): argument 1 (s) must be a number (int32, int64, float64 or decimal), got utf8");
    assertThatThrownBy(() -> where(plus(col("i"), lit(1)))).isInstanceOfSatisfying(EngineException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.TYPE_MISMATCH);
      assertThat(e.getMessage()).isEqualTo("The filter condition (i + 1) must be boolean, got int32");
    });
    assertThatThrownBy(() -> Analyzer.analyze(new AggregateRelation(T, List.of(), List.of(sum(col("s"))))))
        .isInstanceOfSatisfying(EngineException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.TYPE_MISMATCH);
          assertThat(e.getMessage()).isEqualTo("sum(s) needs a numeric input (int32, int64, float64 or decimal), "
              + "got utf8");
        });
    assertThatThrownBy(() -> select(new ScalarCall(ScalarFunction.SUBSTRING, List.of(col("s"), lit(1)))))
        .isInstanceOfSatisfying(EngineException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUERY);
          assertThat(e.getMessage()).isEqualTo("substring takes 3 argument(s), got 2: substring(s, 1)");
        });
    assertThatThrownBy(() -> select(new ScalarCall(ScalarFunction.LIKE, List.of(col("s"), col("s")))))
        .isInstanceOfSatisfying(EngineException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUERY);
          assertThat(e.getMessage()).isEqualTo("The pattern of like(s, s) must be a literal string, got s");
        });
  }

  @Test
  void testAliasesKeepTheirNamesOverCoercedExpressions() {
    Relation analyzed = Analyzer.analyze(new ProjectRelation(T, List.of(as(plus(col("i"), col("l")), "total"),
        new Cast(col("i"), DataType.UTF8))));
    assertThat(analyzed.schema().fields().stream().map(f -> f.name() + ":" + f.type().displayName()).toList())
        .containsExactly("total:int64", "i:utf8");
  }

  @Test
  void testCaseWhenConditionsInListsAndScanFiltersAreChecked() {
    assertTypeError(new CaseWhen(List.of(new CaseWhen.Branch(col("i"), col("s"))), col("s")),
        "WHEN needs boolean operands, but i is int32 in CASE WHEN i THEN s ELSE s END");
    assertThatThrownBy(() -> where(new InList(col("dt"), List.of(lit(1))))).isInstanceOfSatisfying(
        EngineException.class, e -> assertThat(e.getMessage()).isEqualTo(
            "The values of (dt IN (1)) cannot be compared with dt (date32): [1 (int32)]"));
    dev.sluice.engine.relational.ScanRelation scan = (dev.sluice.engine.relational.ScanRelation) T;
    Relation analyzed = Analyzer.analyze(new dev.sluice.engine.relational.ScanRelation(scan.source(),
        List.of("l", "m"), gt(col("M"), lit(1))));
    assertThat(((dev.sluice.engine.relational.ScanRelation) analyzed).filter()).isEqualTo(new Comparison(
        Comparison.Op.GREATER, new BoundRef(1, "m", MONEY), new Literal(new BigDecimal("1"),
            DataType.decimal(10, 0))));
  }
}
