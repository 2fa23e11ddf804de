package dev.sluice.engine.vector;

import dev.sluice.engine.expr.Alias;
import dev.sluice.engine.expr.And;
import dev.sluice.engine.expr.Arithmetic;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.CaseWhen;
import dev.sluice.engine.expr.Cast;
import dev.sluice.engine.expr.Comparison;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.InList;
import dev.sluice.engine.expr.IsNull;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.expr.Not;
import dev.sluice.engine.expr.Or;
import dev.sluice.engine.expr.ScalarCall;
import dev.sluice.engine.types.DataType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Evaluates an expression on one row with plain Java values (Integer, Long, Double, Boolean,
 * String, LocalDate, BigDecimal): the reference the vectorized kernels are checked against.
 * Throws {@link Overflow} where the kernels must fail with NUMERIC_OVERFLOW.
 */
final class ReferenceEvaluator {
  /** A decimal result beyond 64 bits unscaled. */
  static final class Overflow extends RuntimeException {
    Overflow(String message) {
      super(message);
    }
  }

  private ReferenceEvaluator() {}

  static Object eval(Expression e, Object[] row) {
    if (e instanceof BoundRef ref) {
      return row[ref.index()];
    }
    if (e instanceof Literal literal) {
      return literal.value();
    }
    if (e instanceof Alias alias) {
      return eval(alias.child(), row);
    }
    if (e instanceof And and) {
      Boolean l = (Boolean) eval(and.left(), row);
      Boolean r = (Boolean) eval(and.right(), row);
      if (Boolean.FALSE.equals(l) || Boolean.FALSE.equals(r)) {
        return false;
      }
      return l == null || r == null ? null : true;
    }
    if (e instanceof Or or) {
      Boolean l = (Boolean) eval(or.left(), row);
      Boolean r = (Boolean) eval(or.right(), row);
      if (Boolean.TRUE.equals(l) || Boolean.TRUE.equals(r)) {
        return true;
      }
      return l == null || r == null ? null : false;
    }
    if (e instanceof Not not) {
      Boolean v = (Boolean) eval(not.child(), row);
      return v == null ? null : !v;
    }
    if (e instanceof IsNull isNull) {
      return (eval(isNull.child(), row) == null) != isNull.negated();
    }
    if (e instanceof CaseWhen caseWhen) {
      for (CaseWhen.Branch branch : caseWhen.branches()) {
        if (Boolean.TRUE.equals(eval(branch.condition(), row))) {
          return eval(branch.value(), row);
        }
      }
      return eval(caseWhen.otherwise(), row);
    }
    if (e instanceof InList in) {
      Object v = eval(in.child(), row);
      boolean sawNull = v == null;
      for (Expression value : in.values()) {
        Object candidate = eval(value, row);
        if (candidate == null) {
          sawNull = true;
        } else if (v != null && compare(v, candidate) == 0) {
          return true;
        }
      }
      return sawNull ? null : false;
    }
    if (e instanceof Comparison c) {
      Object l = eval(c.left(), row);
      Object r = eval(c.right(), row);
      return l == null || r == null ? null : c.op().test(compare(l, r));
    }
    if (e instanceof Arithmetic a) {
      Object l = eval(a.left(), row);
      Object r = eval(a.right(), row);
      return l == null || r == null ? null : arithmetic(a, l, r);
    }
    if (e instanceof Cast cast) {
      Object v = eval(cast.child(), row);
      return v == null ? null : ReferenceCasts.cast(v, cast.child().dataType(), cast.target());
    }
    ScalarCall call = (ScalarCall) e;
    List<Object> args = new ArrayList<>();
    for (Expression arg : call.args()) {
      Object v = eval(arg, row);
      if (v == null) {
        return null;
      }
      args.add(v);
    }
    return function(call, args);
  }

  static int compare(Object l, Object r) {
    if (l instanceof String a) {
      return compareCodePoints(a, (String) r);
    }
    if (l instanceof Double a) {
      return Double.compare(a, (Double) r);
    }
    @SuppressWarnings("unchecked")
    Comparable<Object> comparable = (Comparable<Object>) l;
    return comparable.compareTo(r);
  }

  /** UTF-8 byte order is code point order. */
  private static int compareCodePoints(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      if (x[i] != y[i]) {
        return Integer.compare(x[i], y[i]);
      }
    }
    return Integer.compare(x.length, y.length);
  }

  private static Object arithmetic(Arithmetic a, Object l, Object r) {
    Arithmetic.Op op = a.op();
    if (l instanceof Integer x) {
      int y = (Integer) r;
      if ((op == Arithmetic.Op.DIVIDE || op == Arithmetic.Op.REMAINDER) && y == 0) {
        return null;
      }
      return switch (op) {
        case ADD -> x + y;
        case SUBTRACT -> x - y;
        case MULTIPLY -> x * y;
        case DIVIDE -> x / y;
        case REMAINDER -> x % y;
      };
    }
    if (l instanceof Long x) {
      long y = (Long) r;
      if ((op == Arithmetic.Op.DIVIDE || op == Arithmetic.Op.REMAINDER) && y == 0) {
        return null;
      }
      return switch (op) {
        case ADD -> x + y;
        case SUBTRACT -> x - y;
        case MULTIPLY -> x * y;
        case DIVIDE -> x / y;
        case REMAINDER -> x % y;
      };
    }
    if (l instanceof Double x) {
      double y = (Double) r;
      if ((op == Arithmetic.Op.DIVIDE || op == Arithmetic.Op.REMAINDER) && y == 0) {
        return null;
      }
      return switch (op) {
        case ADD -> x + y;
        case SUBTRACT -> x - y;
        case MULTIPLY -> x * y;
        case DIVIDE -> x / y;
        case REMAINDER -> x % y;
      };
    }
    BigDecimal x = (BigDecimal) l;
    BigDecimal y = (BigDecimal) r;
    int scale = ((DataType.Decimal) a.dataType()).scale();
    if ((op == Arithmetic.Op.DIVIDE || op == Arithmetic.Op.REMAINDER) && y.signum() == 0) {
      return null;
    }
    BigDecimal result = switch (op) {
      case ADD -> x.add(y);
      case SUBTRACT -> x.subtract(y);
      case MULTIPLY -> x.multiply(y);
      case DIVIDE -> x.divide(y, scale, RoundingMode.HALF_UP);
      case REMAINDER -> x.remainder(y);
    };
    return checked(result.setScale(scale, RoundingMode.HALF_UP));
  }

  static BigDecimal checked(BigDecimal value) {
    if (value.unscaledValue().bitLength() > 63) {
      throw new Overflow(value.toPlainString());
    }
    return value;
  }

  private static Object function(ScalarCall call, List<Object> args) {
    switch (call.function()) {
      case SUBSTRING:
        return substring((String) args.get(0), (Integer) args.get(1), (Integer) args.get(2));
      case LIKE:
        return likeRegex((String) args.get(1)).matcher((String) args.get(0)).matches();
      case STARTS_WITH:
        return ((String) args.get(0)).startsWith((String) args.get(1));
      case ENDS_WITH:
        return ((String) args.get(0)).endsWith((String) args.get(1));
      case CONTAINS:
        return ((String) args.get(0)).contains((String) args.get(1));
      case UPPER:
        return ((String) args.get(0)).toUpperCase(Locale.ROOT);
      case LOWER:
        return ((String) args.get(0)).toLowerCase(Locale.ROOT);
      case LENGTH:
        return ((String) args.get(0)).codePointCount(0, ((String) args.get(0)).length());
      case CONCAT:
        StringBuilder text = new StringBuilder();
        args.forEach(text::append);
        return text.toString();
      case YEAR:
        return ((LocalDate) args.get(0)).getYear();
      case MONTH:
        return ((LocalDate) args.get(0)).getMonthValue();
      case DAY_OF_MONTH:
        return ((LocalDate) args.get(0)).getDayOfMonth();
      case DATE_ADD:
        // date32 arithmetic wraps in 32 bits, as Spark's non-ANSI date_add.
        return LocalDate.ofEpochDay((int) (((LocalDate) args.get(0)).toEpochDay() + (Integer) args.get(1)));
      case DATE_DIFF:
        return (int) (((LocalDate) args.get(0)).toEpochDay() - ((LocalDate) args.get(1)).toEpochDay());
      case ABS:
        return abs(args.get(0));
      default:
        return negate(args.get(0));
    }
  }

  private static Object abs(Object v) {
    if (v instanceof Integer i) {
      return Math.abs(i);
    }
    if (v instanceof Long l) {
      return Math.abs(l);
    }
    if (v instanceof Double d) {
      return Math.abs(d);
    }
    return ((BigDecimal) v).abs();
  }

  private static Object negate(Object v) {
    if (v instanceof Integer i) {
      return -i;
    }
    if (v instanceof Long l) {
      return -l;
    }
    if (v instanceof Double d) {
      return -d;
    }
    return ((BigDecimal) v).negate();
  }

  /** Spark's {@code substringSQL} on code points. */
  static String substring(String s, int pos, int length) {
    int[] chars = s.codePoints().toArray();
    long start = pos > 0 ? pos - 1L : pos < 0 ? chars.length + (long) pos : 0;
    long end = start + length;
    start = Math.max(0, start);
    end = Math.min(end, chars.length);
    if (start >= end) {
      return "";
    }
    return new String(chars, (int) start, (int) (end - start));
  }

  /** A regex equal to a LIKE pattern (valid escapes only). */
  static Pattern likeRegex(String pattern) {
    StringBuilder regex = new StringBuilder();
    int[] chars = pattern.codePoints().toArray();
    for (int i = 0; i < chars.length; i++) {
      int c = chars[i];
      if (c == '\\') {
        regex.append(Pattern.quote(Character.toString(chars[++i])));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(Character.toString(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
