package dev.sluice.engine.vector.kernel;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compiled SQL {@code LIKE} pattern matched against UTF-8 bytes: {@code %} matches any run of
 * characters, {@code _} exactly one character (code point), {@code \} makes the next {@code %},
 * {@code _} or {@code \} literal (anything else after it is an error, as in Spark). Patterns of the
 * forms {@code abc}, {@code abc%}, {@code %abc} and {@code %abc%} match with plain byte compares;
 * others split at {@code %} into segments matched leftmost-first, which is exact because each
 * segment matches a fixed number of characters.
 */
public final class LikeMatcher {
  private enum Kind {
    EQUALS,
    STARTS_WITH,
    ENDS_WITH,
    CONTAINS,
    ANY,
    GENERAL
  }

  /** Marks a {@code _} in a segment's bytes. */
  private static final class Segment {
    final byte[] bytes;
    final boolean[] wildcard;
    final int characters;

    Segment(byte[] bytes, boolean[] wildcard, int characters) {
      this.bytes = bytes;
      this.wildcard = wildcard;
      this.characters = characters;
    }

    boolean hasWildcard() {
      for (boolean w : wildcard) {
        if (w) {
          return true;
        }
      }
      return false;
    }
  }

  private final Kind kind;
  private final byte[] literal;
  private final Segment[] segments;
  private final boolean anchoredEnd;

  private LikeMatcher(Kind kind, byte[] literal, Segment[] segments, boolean anchoredEnd) {
    this.kind = kind;
    this.literal = literal;
    this.segments = segments;
    this.anchoredEnd = anchoredEnd;
  }

  /**
   * Compiles a pattern.
   *
   * @throws EngineException INVALID_ARGUMENT when an escape is not followed by {@code %}, {@code _} or {@code \}
   */
  public static LikeMatcher compile(String pattern) {
    List<Segment> segments = new ArrayList<>();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<Boolean> wild = new ArrayList<>();
    int characters = 0;
    int i = 0;
    while (i < pattern.length()) {
      int c = pattern.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\\') {
        if (i >= pattern.length()) {
          throw new EngineException(ErrorCode.INVALID_ARGUMENT, "The LIKE pattern '" + pattern
              + "' ends with the escape character \\; escape only %, _ or \\");
        }
        int next = pattern.codePointAt(i);
        if (next != '%' && next != '_' && next != '\\') {
          throw new EngineException(ErrorCode.INVALID_ARGUMENT, "The LIKE pattern '" + pattern
              + "' has the escape character \\ before '" + Character.toString(next) + "'; escape only %, _ or \\");
        }
        i += Character.charCount(next);
        characters += appendLiteral(bytes, wild, next);
      } else if (c == '%') {
        segments.add(segment(bytes, wild, characters));
        bytes.reset();
        wild.clear();
        characters = 0;
      } else if (c == '_') {
        bytes.write(0);
        wild.add(true);
        characters++;
      } else {
        characters += appendLiteral(bytes, wild, c);
      }
    }
    segments.add(segment(bytes, wild, characters));
    return of(segments);
  }

  private static int appendLiteral(ByteArrayOutputStream bytes, List<Boolean> wild, int codePoint) {
    byte[] encoded = Character.toString(codePoint).getBytes(StandardCharsets.UTF_8);
    bytes.writeBytes(encoded);
    for (int k = 0; k < encoded.length; k++) {
      wild.add(false);
    }
    return 1;
  }

  private static Segment segment(ByteArrayOutputStream bytes, List<Boolean> wild, int characters) {
    boolean[] flags = new boolean[wild.size()];
    for (int k = 0; k < flags.length; k++) {
      flags[k] = wild.get(k);
    }
    return new Segment(bytes.toByteArray(), flags, characters);
  }

  private static LikeMatcher of(List<Segment> parts) {
    boolean wildcards = parts.stream().anyMatch(Segment::hasWildcard);
    int count = parts.size();
    Segment[] all = parts.toArray(new Segment[0]);
    if (!wildcards) {
      if (count == 1) {
        return new LikeMatcher(Kind.EQUALS, all[0].bytes, all, true);
      }
      boolean middleEmpty = true;
      for (int k = 1; k < count - 1; k++) {
        middleEmpty &= all[k].bytes.length == 0;
      }
      byte[] first = all[0].bytes;
      byte[] last = all[count - 1].bytes;
      if (count == 2 || middleEmpty) {
        if (first.length == 0 && last.length == 0) {
          return new LikeMatcher(Kind.ANY, first, all, false);
        }
        if (last.length == 0) {
          return new LikeMatcher(Kind.STARTS_WITH, first, all, false);
        }
        if (first.length == 0) {
          return new LikeMatcher(Kind.ENDS_WITH, last, all, false);
        }
      }
      if (count == 3 && first.length == 0 && last.length == 0) {
        return new LikeMatcher(Kind.CONTAINS, all[1].bytes, all, false);
      }
    }
    return new LikeMatcher(Kind.GENERAL, null, all, count == 1);
  }

  /** Whether the UTF-8 bytes {@code [from, to)} match. */
  public boolean matches(byte[] text, int from, int to) {
    switch (kind) {
      case EQUALS:
        return to - from == literal.length && Arrays.equals(text, from, to, literal, 0, literal.length);
      case STARTS_WITH:
        return startsWith(text, from, to, literal);
      case ENDS_WITH:
        return endsWith(text, from, to, literal);
      case CONTAINS:
        return indexOf(text, from, to, literal) >= 0;
      case ANY:
        return true;
      default:
        return matchesGeneral(text, from, to);
    }
  }

  private boolean matchesGeneral(byte[] text, int from, int to) {
    Segment first = segments[0];
    int position = matchAt(first, text, from, to);
    if (position < 0) {
      return false;
    }
    if (anchoredEnd) {
      return position == to;
    }
    for (int k = 1; k < segments.length - 1; k++) {
      Segment middle = segments[k];
      if (middle.bytes.length == 0) {
        continue;
      }
      int end = -1;
      for (int start = position; start < to && end < 0; start++) {
        if ((text[start] & 0xC0) != 0x80) {
          end = matchAt(middle, text, start, to);
        }
      }
      if (end < 0) {
        return false;
      }
      position = end;
    }
    Segment last = segments[segments.length - 1];
    int start = to;
    for (int c = 0; c < last.characters; c++) {
      if (start <= position) {
        return false;
      }
      start--;
      while (start > position && (text[start] & 0xC0) == 0x80) {
        start--;
      }
    }
    return start >= position && matchAt(last, text, start, to) == to;
  }

  /** The end of a match of {@code segment} starting at {@code start}, or -1. */
  private static int matchAt(Segment segment, byte[] text, int start, int to) {
    byte[] bytes = segment.bytes;
    boolean[] wildcard = segment.wildcard;
    int p = start;
    for (int k = 0; k < bytes.length; k++) {
      if (p >= to) {
        return -1;
      }
      if (wildcard[k]) {
        p += StringKernels.charLength(text[p]);
        if (p > to) {
          return -1;
        }
      } else if (text[p] != bytes[k]) {
        return -1;
      } else {
        p++;
      }
    }
    return p;
  }

  static boolean startsWith(byte[] text, int from, int to, byte[] prefix) {
    return startsWith(text, from, to, prefix, 0, prefix.length);
  }

  static boolean startsWith(byte[] text, int from, int to, byte[] part, int partFrom, int partTo) {
    int length = partTo - partFrom;
    return to - from >= length && Arrays.equals(text, from, from + length, part, partFrom, partTo);
  }

  static boolean endsWith(byte[] text, int from, int to, byte[] suffix) {
    return endsWith(text, from, to, suffix, 0, suffix.length);
  }

  static boolean endsWith(byte[] text, int from, int to, byte[] part, int partFrom, int partTo) {
    int length = partTo - partFrom;
    return to - from >= length && Arrays.equals(text, to - length, to, part, partFrom, partTo);
  }

  /** The first position of {@code part} in {@code [from, to)}, or -1. */
  static int indexOf(byte[] text, int from, int to, byte[] part) {
    return indexOf(text, from, to, part, 0, part.length);
  }

  /** The first position of {@code part[partFrom, partTo)} in {@code text[from, to)}, or -1. */
  static int indexOf(byte[] text, int from, int to, byte[] part, int partFrom, int partTo) {
    int length = partTo - partFrom;
    if (length == 0) {
      return from;
    }
    byte head = part[partFrom];
    int last = to - length;
    for (int i = from; i <= last; i++) {
      if (text[i] == head && Arrays.equals(text, i + 1, i + length, part, partFrom + 1, partTo)) {
        return i;
      }
    }
    return -1;
  }
}
