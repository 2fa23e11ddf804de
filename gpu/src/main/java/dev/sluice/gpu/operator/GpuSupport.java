package dev.sluice.gpu.operator;

import dev.sluice.engine.expr.AggregateCall;
import dev.sluice.engine.expr.AggregateFunction;
import dev.sluice.engine.expr.Alias;
import dev.sluice.engine.expr.And;
import dev.sluice.engine.expr.Arithmetic;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Comparison;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.plan.physical.AggregateMode;
import dev.sluice.engine.plan.physical.AggregateStates;
import dev.sluice.engine.plan.physical.ColumnarAggregateExec;
import dev.sluice.engine.plan.physical.FilterProjectExec;
import dev.sluice.engine.types.DataType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What the GPU operators can run, decided on the plan alone (the planner asks; nothing touches the
 * device): conditions are conjunctions of comparisons of an int32, int64, date32, decimal (at most 18
 * digits, as its scaled long) or float64 column with a literal; projections are column references
 * and int64 (+ - *), float64 (+ - * /) or decimal (+ - * / within 64 bits) arithmetic of columns and
 * literals. Each check answers with the first reason it finds, worded for {@code explain()}.
 */
final class GpuSupport {
  static final int MAX_DECIMAL_PRECISION = 18;

  private GpuSupport() {}

  /** Why {@code node} cannot run on the GPU, or empty. */
  static Optional<String> filterProject(FilterProjectExec node) {
    if (node.condition() != null) {
      Optional<String> why = unsupportedCondition(node.condition());
      if (why.isPresent()) {
        return why;
      }
    }
    for (Expression projection : node.projections()) {
      Optional<String> why = unsupportedProjection(unaliased(projection));
      if (why.isPresent()) {
        return why;
      }
    }
    return Optional.empty();
  }

  /**
   * Why the partial aggregation {@code node} cannot run on the GPU, or empty: groupings are columns
   * of an integer, date32, decimal (at most 18 digits) or string type; aggregate inputs are what a
   * projection may be; {@code sum} and {@code avg} take integers and decimals
   * (a float64 sum's last bits depend on the order of the GPU's atomic adds), {@code min} and
   * {@code max} also float64 and dates, {@code count} a column of any type.
   */
  static Optional<String> aggregate(ColumnarAggregateExec node) {
    if (node.mode() != AggregateMode.PARTIAL) {
      return Optional.of("only partial aggregation runs on the GPU");
    }
    for (Expression grouping : node.groupings()) {
      if (!(unaliased(grouping) instanceof BoundRef ref)) {
        return Optional.of("grouping by expression " + grouping.sql() + " not supported on GPU");
      }
      DataType type = ref.type();
      boolean supported = type instanceof DataType.Utf8 || unsupportedType(type).isEmpty();
      if (!supported || type instanceof DataType.Float64) {
        return Optional.of("grouping key " + ref.name() + " of type " + type.displayName() + " not supported on GPU");
      }
    }
    for (AggregateCall call : node.aggregates()) {
      Optional<String> why = unsupportedAggregate(call);
      if (why.isPresent()) {
        return why;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> unsupportedAggregate(AggregateCall call) {
    if (call.distinct()) {
      return Optional.of("distinct aggregate " + call.sql() + " not supported on GPU");
    }
    if (call.input() == null) {
      return Optional.empty();
    }
    Expression input = unaliased(call.input());
    DataType type = input.dataType();
    if (call.function() == AggregateFunction.COUNT && input instanceof BoundRef) {
      // only its validity goes to the device
      return Optional.empty();
    }
    Optional<String> why = unsupportedProjection(input);
    if (why.isPresent()) {
      return why;
    }
    return switch (call.function()) {
      case COUNT -> Optional.empty();
      case MIN, MAX -> Optional.empty();
      case SUM, AVG -> {
        if (type instanceof DataType.Float64) {
          yield Optional.of(call.sql() + " not supported on GPU (a float64 sum depends on the order rows are added)");
        }
        if (type instanceof DataType.Date32) {
          yield Optional.of(call.sql() + " of a date not supported on GPU");
        }
        DataType sumType = call.function() == AggregateFunction.SUM ? call.dataType()
            : AggregateStates.averageSumType(type);
        if (type instanceof DataType.Decimal inputType && sumType instanceof DataType.Decimal sum
            && sum.scale() != inputType.scale()) {
          yield Optional.of(call.sql() + " giving " + sumType.displayName() + " not supported on GPU");
        }
        yield Optional.empty();
      }
    };
  }

  static Optional<String> unsupportedCondition(Expression condition) {
    if (condition instanceof And and) {
      Optional<String> left = unsupportedCondition(and.left());
      return left.isPresent() ? left : unsupportedCondition(and.right());
    }
    if (condition instanceof Comparison comparison) {
      BoundRef column;
      Literal literal;
      if (comparison.left() instanceof BoundRef ref && comparison.right() instanceof Literal lit) {
        column = ref;
        literal = lit;
      } else if (comparison.right() instanceof BoundRef ref && comparison.left() instanceof Literal lit) {
        column = ref;
        literal = lit;
      } else {
        return Optional.of("expression " + condition.sql() + " not supported on GPU (only column op literal)");
      }
      Optional<String> type = unsupportedType(column.type());
      if (type.isPresent()) {
        return type;
      }
      if (literal.value() == null) {
        return Optional.of("comparison with NULL " + condition.sql() + " not supported on GPU");
      }
      if (constant(literal, column.type()) == null) {
        return Optional.of("literal " + literal.sql() + " not comparable on GPU with " + column.type().displayName());
      }
      return Optional.empty();
    }
    return Optional.of("expression " + condition.sql() + " not supported on GPU");
  }

  /** A projection's expression without its output name (the node's schema names the column). */
  static Expression unaliased(Expression projection) {
    Expression expression = projection;
    while (expression instanceof Alias alias) {
      expression = alias.child();
    }
    return expression;
  }

  static Optional<String> unsupportedProjection(Expression projection) {
    if (projection instanceof BoundRef ref) {
      return unsupportedType(ref.type());
    }
    if (!(projection instanceof Arithmetic arithmetic)) {
      return Optional.of("expression " + projection.sql() + " not supported on GPU");
    }
    DataType type = arithmetic.dataType();
    Arithmetic.Op op = arithmetic.op();
    boolean leftLiteral = arithmetic.left() instanceof Literal;
    boolean rightLiteral = arithmetic.right() instanceof Literal;
    if (op == Arithmetic.Op.REMAINDER) {
      return Optional.of("operator % not supported on GPU");
    }
    if (leftLiteral && rightLiteral) {
      return Optional.of("expression " + projection.sql() + " not supported on GPU (two literals)");
    }
    if (leftLiteral && op == Arithmetic.Op.DIVIDE) {
      return Optional.of("expression " + projection.sql() + " not supported on GPU (literal dividend)");
    }
    if (type instanceof DataType.Int64) {
      if (op == Arithmetic.Op.DIVIDE) {
        return Optional.of("operator / on int64 not supported on GPU");
      }
    } else if (type instanceof DataType.Decimal result) {
      Optional<String> why = decimalShape(arithmetic, result);
      if (why.isPresent()) {
        return why;
      }
    } else if (!(type instanceof DataType.Float64)) {
      return Optional.of("arithmetic on " + type.displayName() + " not supported on GPU");
    }
    for (Expression operand : arithmetic.children()) {
      if (operand instanceof Literal literal) {
        if (literal.value() == null) {
          return Optional.of("NULL operand in " + projection.sql() + " not supported on GPU");
        }
        if (literal.value() instanceof BigDecimal decimal && !fitsLong(decimal)) {
          return Optional.of("literal " + literal.sql() + " not supported on GPU");
        }
      } else {
        Optional<String> why = unsupportedProjection(operand);
        if (why.isPresent()) {
          return why;
        }
      }
    }
    return Optional.empty();
  }

  static boolean fitsLong(BigDecimal decimal) {
    return decimal.unscaledValue().bitLength() < 64;
  }

  /** Why a decimal operation's scales are beyond the kernels, or empty. */
  static Optional<String> decimalShape(Arithmetic arithmetic, DataType.Decimal result) {
    int left = ((DataType.Decimal) arithmetic.left().dataType()).scale();
    int right = ((DataType.Decimal) arithmetic.right().dataType()).scale();
    int exponent = switch (arithmetic.op()) {
      case ADD, SUBTRACT -> result.scale() == Math.max(left, right) ? Math.abs(left - right) : -1;
      case MULTIPLY -> left + right - result.scale();
      case DIVIDE -> result.scale() - left + right;
      case REMAINDER -> -1;
    };
    if (exponent < 0 || exponent > 18) {
      return Optional.of("decimal " + arithmetic.op().symbol() + " giving " + result.displayName()
          + " not supported on GPU");
    }
    return Optional.empty();
  }

  /** Why a column of {@code type} cannot go to the device (int32, date32 and decimal go as longs), or empty. */
  static Optional<String> unsupportedType(DataType type) {
    if (type instanceof DataType.Int64 || type instanceof DataType.Float64 || type instanceof DataType.Int32
        || type instanceof DataType.Date32) {
      return Optional.empty();
    }
    if (type instanceof DataType.Decimal d && d.precision() <= MAX_DECIMAL_PRECISION) {
      return Optional.empty();
    }
    return Optional.of("type " + type.displayName() + " not supported");
  }

  /** The literal as the column's long or double representation, or null when it has none exactly. */
  static Object constant(Literal literal, DataType columnType) {
    Object value = literal.value();
    if (columnType instanceof DataType.Float64) {
      return value instanceof Double d ? d : null;
    }
    if (columnType instanceof DataType.Int64) {
      return value instanceof Long l ? l : null;
    }
    if (columnType instanceof DataType.Int32) {
      return value instanceof Integer i ? Long.valueOf(i) : null;
    }
    if (columnType instanceof DataType.Date32) {
      return value instanceof LocalDate d ? d.toEpochDay() : null;
    }
    if (columnType instanceof DataType.Decimal d && value instanceof BigDecimal decimal) {
      try {
        return decimal.setScale(d.scale()).unscaledValue().longValueExact();
      } catch (ArithmeticException inexact) {
        return null;
      }
    }
    return null;
  }
}
