package dev.sluice.engine.vector.kernel;

import dev.sluice.engine.expr.ScalarFunction;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.CompiledExpression;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.StringData;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * String functions on UTF-8 bytes: {@code substring} (Spark's 1-based positions in characters),
 * {@code like}, {@code startswith}, {@code endswith}, {@code contains}, {@code upper}/{@code lower}
 * (ASCII rows in place, others through {@link String} with {@link Locale#ROOT}), {@code length}
 * in code points, and {@code concat} (null if any argument is null). A null argument gives null.
 */
public final class StringKernels {
  private StringKernels() {}

  /** The kernel of a string function over its compiled arguments. */
  public static CompiledExpression create(ScalarFunction function, CompiledExpression[] args) {
    return switch (function) {
      case SUBSTRING -> substring(args[0], args[1], args[2]);
      case LIKE, STARTS_WITH, ENDS_WITH, CONTAINS -> predicate(function, args[0], args[1]);
      case UPPER -> changeCase(true, args[0]);
      case LOWER -> changeCase(false, args[0]);
      case LENGTH -> length(args[0]);
      case CONCAT -> concat(args);
      default -> throw new IllegalArgumentException(function + " is not a string function");
    };
  }

  /** Bytes in the UTF-8 sequence a lead byte starts (1 for an invalid lead byte). */
  static int charLength(byte lead) {
    if (lead >= 0) {
      return 1;
    }
    if ((lead & 0xE0) == 0xC0) {
      return 2;
    }
    if ((lead & 0xF0) == 0xE0) {
      return 3;
    }
    return (lead & 0xF8) == 0xF0 ? 4 : 1;
  }

  /** The position {@code count} characters after {@code position}, at most {@code to}. */
  private static int skipChars(byte[] bytes, int position, int to, long count) {
    for (long c = 0; c < count && position < to; c++) {
      position += charLength(bytes[position]);
    }
    return Math.min(position, to);
  }

  private static int countChars(byte[] bytes, int from, int to) {
    int count = 0;
    for (int i = from; i < to; i++) {
      count += (bytes[i] & 0xC0) != 0x80 ? 1 : 0;
    }
    return count;
  }

  private static CompiledExpression substring(CompiledExpression string, CompiledExpression position,
      CompiledExpression length) {
    return input -> {
      StringData s = (StringData) string.evaluate(input);
      LongData p = (LongData) position.evaluate(input);
      LongData l = (LongData) length.evaluate(input);
      int rows = input.rowCount();
      boolean[] nulls = NullMasks.or(NullMasks.or(s.nulls(), p.nulls(), rows), l.nulls(), rows);
      byte[] bytes = s.bytes();
      int[] offsets = s.offsets();
      long[] positions = p.values();
      long[] lengths = l.values();
      StringColumnBuilder out = new StringColumnBuilder(rows, offsets[rows] - offsets[0]);
      for (int i = 0; i < rows; i++) {
        if (NullMasks.isNull(nulls, i)) {
          out.endNullRow();
          continue;
        }
        int from = offsets[i];
        int to = offsets[i + 1];
        long pos = positions[i];
        long start = pos > 0 ? pos - 1 : pos < 0 ? countChars(bytes, from, to) + pos : 0;
        long end = start + lengths[i];
        start = Math.max(start, 0);
        if (start < end) {
          int first = skipChars(bytes, from, to, start);
          int last = skipChars(bytes, first, to, end - start);
          out.append(bytes, first, last);
        }
        out.endRow();
      }
      return out.build();
    };
  }

  private static CompiledExpression predicate(ScalarFunction function, CompiledExpression string,
      CompiledExpression argument) {
    if (argument instanceof ConstantKernel constant) {
      byte[] k = constant.bytes();
      LikeMatcher matcher = function == ScalarFunction.LIKE ? LikeMatcher.compile((String) constant.value()) : null;
      return input -> {
        StringData s = (StringData) string.evaluate(input);
        int rows = input.rowCount();
        byte[] bytes = s.bytes();
        int[] offsets = s.offsets();
        boolean[] out = new boolean[rows];
        switch (function) {
          case LIKE -> {
            for (int i = 0; i < rows; i++) {
              out[i] = matcher.matches(bytes, offsets[i], offsets[i + 1]);
            }
          }
          case STARTS_WITH -> {
            for (int i = 0; i < rows; i++) {
              out[i] = LikeMatcher.startsWith(bytes, offsets[i], offsets[i + 1], k);
            }
          }
          case ENDS_WITH -> {
            for (int i = 0; i < rows; i++) {
              out[i] = LikeMatcher.endsWith(bytes, offsets[i], offsets[i + 1], k);
            }
          }
          default -> {
            for (int i = 0; i < rows; i++) {
              out[i] = LikeMatcher.indexOf(bytes, offsets[i], offsets[i + 1], k) >= 0;
            }
          }
        }
        return new BoolData(out, s.nulls(), rows);
      };
    }
    return input -> {
      StringData s = (StringData) string.evaluate(input);
      StringData a = (StringData) argument.evaluate(input);
      int rows = input.rowCount();
      boolean[] nulls = NullMasks.or(s.nulls(), a.nulls(), rows);
      byte[] bytes = s.bytes();
      int[] offsets = s.offsets();
      boolean[] out = new boolean[rows];
      String lastPattern = null;
      LikeMatcher matcher = null;
      for (int i = 0; i < rows; i++) {
        if (NullMasks.isNull(nulls, i)) {
          continue;
        }
        int from = offsets[i];
        int to = offsets[i + 1];
        if (function == ScalarFunction.LIKE) {
          String pattern = a.getString(i);
          if (!pattern.equals(lastPattern)) {
            matcher = LikeMatcher.compile(pattern);
            lastPattern = pattern;
          }
          out[i] = matcher.matches(bytes, from, to);
          continue;
        }
        byte[] k = a.bytes();
        int kFrom = a.start(i);
        int kTo = a.start(i + 1);
        out[i] = switch (function) {
          case STARTS_WITH -> LikeMatcher.startsWith(bytes, from, to, k, kFrom, kTo);
          case ENDS_WITH -> LikeMatcher.endsWith(bytes, from, to, k, kFrom, kTo);
          default -> LikeMatcher.indexOf(bytes, from, to, k, kFrom, kTo) >= 0;
        };
      }
      return new BoolData(out, nulls, rows);
    };
  }

  private static CompiledExpression changeCase(boolean upper, CompiledExpression string) {
    return input -> {
      StringData s = (StringData) string.evaluate(input);
      int rows = input.rowCount();
      byte[] bytes = s.bytes();
      int[] offsets = s.offsets();
      boolean[] nulls = s.nulls();
      StringColumnBuilder out = new StringColumnBuilder(rows, offsets[rows] - offsets[0]);
      int low = upper ? 'a' : 'A';
      int high = upper ? 'z' : 'Z';
      int shift = upper ? -32 : 32;
      for (int i = 0; i < rows; i++) {
        if (NullMasks.isNull(nulls, i)) {
          out.endNullRow();
          continue;
        }
        int from = offsets[i];
        int to = offsets[i + 1];
        boolean ascii = true;
        for (int k = from; k < to; k++) {
          ascii &= bytes[k] >= 0;
        }
        if (ascii) {
          byte[] buffer = out.reserve(to - from);
          int position = out.position();
          for (int k = from; k < to; k++) {
            byte b = bytes[k];
            buffer[position++] = (byte) (b >= low && b <= high ? b + shift : b);
          }
          out.advance(to - from);
        } else {
          String text = new String(bytes, from, to - from, StandardCharsets.UTF_8);
          byte[] changed = (upper ? text.toUpperCase(Locale.ROOT) : text.toLowerCase(Locale.ROOT))
              .getBytes(StandardCharsets.UTF_8);
          out.append(changed, 0, changed.length);
        }
        out.endRow();
      }
      return out.build();
    };
  }

  private static CompiledExpression length(CompiledExpression string) {
    return input -> {
      StringData s = (StringData) string.evaluate(input);
      int rows = input.rowCount();
      byte[] bytes = s.bytes();
      int[] offsets = s.offsets();
      long[] out = new long[rows];
      for (int i = 0; i < rows; i++) {
        out[i] = countChars(bytes, offsets[i], offsets[i + 1]);
      }
      return new LongData(DataType.INT32, out, s.nulls(), rows);
    };
  }

  private static CompiledExpression concat(CompiledExpression[] args) {
    return input -> {
      int rows = input.rowCount();
      StringData[] parts = new StringData[args.length];
      boolean[] nulls = null;
      int total = 0;
      for (int k = 0; k < args.length; k++) {
        parts[k] = (StringData) args[k].evaluate(input);
        nulls = NullMasks.or(nulls, parts[k].nulls(), rows);
        total += parts[k].offsets()[rows] - parts[k].offsets()[0];
      }
      StringColumnBuilder out = new StringColumnBuilder(rows, total);
      for (int i = 0; i < rows; i++) {
        if (NullMasks.isNull(nulls, i)) {
          out.endNullRow();
          continue;
        }
        for (StringData part : parts) {
          out.append(part.bytes(), part.start(i), part.start(i + 1));
        }
        out.endRow();
      }
      return out.build();
    };
  }
}
