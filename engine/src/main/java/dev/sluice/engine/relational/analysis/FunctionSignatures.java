package dev.sluice.engine.relational.analysis;

import static dev.sluice.engine.relational.analysis.TypeCoercion.castTo;
import static dev.sluice.engine.relational.analysis.TypeCoercion.isNullLiteral;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.expr.ScalarCall;
import dev.sluice.engine.expr.ScalarFunction;
import dev.sluice.engine.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * The argument types of each {@link ScalarFunction} and the implicit casts the analyzer inserts
 * for them: integers to int32 where a position or a day count is expected, {@code yyyy-MM-dd}
 * strings to dates where a date is expected. Anything else of the wrong type is an error: string
 * functions do not take numbers (cast them first).
 */
final class FunctionSignatures {
  /** What one argument takes. */
  private enum Kind {
    STRING,
    INT,
    DATE,
    NUMBER
  }

  private FunctionSignatures() {}

  /** The call with its arguments cast to the types the function takes. */
  static Expression coerce(ScalarCall call) {
    List<Kind> kinds = kinds(call);
    List<Expression> args = new ArrayList<>(call.args().size());
    boolean changed = false;
    for (int i = 0; i < call.args().size(); i++) {
      Expression arg = call.args().get(i);
      Expression coerced = coerceArgument(call, i, arg, kinds.get(i));
      changed |= coerced != arg;
      args.add(coerced);
    }
    if (call.function() == ScalarFunction.LIKE && !(args.get(1) instanceof Literal)) {
      throw new EngineException(ErrorCode.INVALID_QUERY, "The pattern of " + call.sql()
          + " must be a literal string, got " + args.get(1).sql());
    }
    return changed ? new ScalarCall(call.function(), args) : call;
  }

  private static List<Kind> kinds(ScalarCall call) {
    ScalarFunction function = call.function();
    List<Kind> kinds = switch (function) {
      case SUBSTRING -> List.of(Kind.STRING, Kind.INT, Kind.INT);
      case LIKE, STARTS_WITH, ENDS_WITH, CONTAINS -> List.of(Kind.STRING, Kind.STRING);
      case UPPER, LOWER, LENGTH -> List.of(Kind.STRING);
      case CONCAT -> null;
      case YEAR, MONTH, DAY_OF_MONTH -> List.of(Kind.DATE);
      case DATE_ADD -> List.of(Kind.DATE, Kind.INT);
      case DATE_DIFF -> List.of(Kind.DATE, Kind.DATE);
      case ABS, NEGATE -> List.of(Kind.NUMBER);
    };
    int count = call.args().size();
    if (kinds == null) {
      if (count == 0) {
        throw new EngineException(ErrorCode.INVALID_QUERY, "concat needs at least one argument");
      }
      return java.util.Collections.nCopies(count, Kind.STRING);
    }
    if (kinds.size() != count) {
      throw new EngineException(ErrorCode.INVALID_QUERY, function.sqlName() + " takes " + kinds.size()
          + " argument(s), got " + count + ": " + call.sql());
    }
    return kinds;
  }

  private static Expression coerceArgument(ScalarCall call, int index, Expression arg, Kind kind) {
    DataType type = arg.dataType();
    switch (kind) {
      case STRING -> {
        if (isNullLiteral(arg)) {
          return castTo(arg, DataType.UTF8);
        }
        if (type instanceof DataType.Utf8) {
          return arg;
        }
      }
      case INT -> {
        if (isNullLiteral(arg) || TypeCoercion.isIntegral(type)) {
          return castTo(arg, DataType.INT32);
        }
      }
      case DATE -> {
        if (isNullLiteral(arg) || type instanceof DataType.Utf8) {
          return castTo(arg, DataType.DATE32);
        }
        if (type instanceof DataType.Date32) {
          return arg;
        }
      }
      case NUMBER -> {
        if (isNullLiteral(arg) && !TypeCoercion.isNumeric(type)) {
          return castTo(arg, DataType.FLOAT64);
        }
        if (TypeCoercion.isNumeric(type)) {
          return arg;
        }
      }
    }
    throw new EngineException(ErrorCode.TYPE_MISMATCH, call.sql() + ": argument " + (index + 1) + " (" + arg.sql()
        + ") must be " + expected(kind) + ", got " + type.displayName());
  }

  private static String expected(Kind kind) {
    return switch (kind) {
      case STRING -> "utf8 (cast it to a string first)";
      case INT -> "an integer (int32 or int64)";
      case DATE -> "a date32 (or a yyyy-MM-dd string)";
      case NUMBER -> "a number (int32, int64, float64 or decimal)";
    };
  }
}
