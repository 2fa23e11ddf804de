package dev.sluice.executors.source;

import java.util.Arrays;

/**
 * Splits one CSV line into fields in place: field {@code i} is
 * {@code array(i)[start(i) .. end(i))}. A field that starts with {@code "} is quoted: it runs to
 * the next lone {@code "}, may hold the delimiter, and {@code ""} inside it stands for one
 * {@code "} (only such fields are copied, unescaped, to a scratch array). Quotes inside an
 * unquoted field are plain characters. A record is one line (Spark's default {@code multiLine}
 * false), so a quoted field left open at the line's end, or followed by anything but the
 * delimiter, makes the record malformed.
 */
final class CsvTokenizer {
  private final byte delimiter;
  private final long pattern;
  private int count;
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private boolean[] unescaped = new boolean[16];
  private byte[] line;
  private byte[] scratch = new byte[256];
  private int scratchUsed;
  /** Whether a field of the last line was copied to the scratch array. */
  private boolean anyUnescaped;
  private int badField;

  CsvTokenizer(byte delimiter) {
    this.delimiter = delimiter;
    this.pattern = ByteScan.pattern(delimiter);
  }

  /**
   * Splits {@code b[from..to)}; returns the number of fields, or -1 for a malformed quoted field
   * (its index is then {@link #badField()}).
   */
  int split(byte[] b, int from, int to) {
    line = b;
    scratchUsed = 0;
    anyUnescaped = false;
    int fields = 0;
    int p = from;
    byte d = delimiter;
    while (true) {
      if (fields == starts.length) {
        grow();
      }
      if (p < to && b[p] == '"') {
        p = quoted(b, p + 1, to, fields);
        if (p < 0 || (p < to && b[p] != d)) {
          badField = fields;
          return -1;
        }
      } else {
        starts[fields] = p;
        p = ByteScan.indexOf(b, p, to, pattern);
        ends[fields] = p;
        unescaped[fields] = false;
      }
      fields++;
      if (p >= to) {
        count = fields;
        return fields;
      }
      p++;
    }
  }

  /** Reads a quoted field whose content starts at {@code p}; returns the index after its closing quote, or -1. */
  private int quoted(byte[] b, int p, int to, int field) {
    int contentStart = p;
    boolean escapes = false;
    int close;
    while (true) {
      while (p < to && b[p] != '"') {
        p++;
      }
      if (p >= to) {
        return -1;
      }
      if (p + 1 < to && b[p + 1] == '"') {
        escapes = true;
        p += 2;
      } else {
        close = p;
        break;
      }
    }
    if (!escapes) {
      starts[field] = contentStart;
      ends[field] = close;
      unescaped[field] = false;
      return close + 1;
    }
    if (scratchUsed + (close - contentStart) > scratch.length) {
      scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, scratchUsed + close - contentStart));
    }
    int out = scratchUsed;
    starts[field] = out;
    for (int i = contentStart; i < close; i++) {
      scratch[out++] = b[i];
      if (b[i] == '"') {
        i++;
      }
    }
    ends[field] = out;
    scratchUsed = out;
    unescaped[field] = true;
    anyUnescaped = true;
    return close + 1;
  }

  private void grow() {
    starts = Arrays.copyOf(starts, starts.length * 2);
    ends = Arrays.copyOf(ends, starts.length);
    unescaped = Arrays.copyOf(unescaped, starts.length);
  }

  /** Fields of the last split line. */
  int count() {
    return count;
  }

  /** The array holding field {@code i}: the line, or the scratch copy of an unescaped quoted field. */
  byte[] array(int i) {
    return anyUnescaped && unescaped[i] ? scratch : line;
  }

  int start(int i) {
    return starts[i];
  }

  int end(int i) {
    return ends[i];
  }

  /** The field whose quoting made the last split fail. */
  int badField() {
    return badField;
  }
}
