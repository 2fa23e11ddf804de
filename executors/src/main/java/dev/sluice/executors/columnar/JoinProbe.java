package dev.sluice.executors.columnar;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.StringData;
import java.util.Arrays;

/**
 * One probe batch's walk through a {@link JoinTable}: for each probe row in order, the chain of its
 * hash's slot is followed and every build row with the same hash and equal keys is a candidate
 * pair. The walk stops when the output arrays are full and resumes where it stopped, so a key with
 * a huge fan-out comes out as several chunks. Probe rows with a null key are skipped. Keys are
 * compared per type on the column arrays (float64 keys: {@code -0.0 = 0.0} and NaN = NaN, as the
 * hash treats them); no object is made per row.
 */
final class JoinProbe {
  private static final int NOT_STARTED = -2;

  private final JoinTable table;
  private final ColumnData[] probeKeys;
  private final long[] hashes;
  private final boolean[] nullKeys;
  private final int rows;
  /** Per probe row: whether it has a match (set by the caller, or by {@link #markFirstMatches}). */
  private final boolean[] matched;
  private KeyEquality[] equalities;
  /** Per probe row, the head of its slot's chain: looked up for all rows first, so the misses overlap. */
  private int[] heads;
  /** The probe row being walked. */
  private int row;
  /** The next build row of its chain, -1 at the end, or NOT_STARTED. */
  private int chain = NOT_STARTED;

  /**
   * @param table the finished build table
   * @param probeKeys the probe batch's key columns
   * @param hashes their row hashes
   * @param rows the probe batch's row count
   * @param matched per probe row, whether it matched already (e.g. in an earlier pass); updated
   */
  JoinProbe(JoinTable table, ColumnData[] probeKeys, long[] hashes, int rows, boolean[] matched) {
    this.table = table;
    this.probeKeys = probeKeys;
    this.hashes = hashes;
    this.nullKeys = JoinKeys.nullRows(probeKeys, rows);
    this.rows = rows;
    this.matched = matched;
  }

  /** Per probe row, whether it matched. */
  boolean[] matched() {
    return matched;
  }

  /** Whether every probe row was walked. */
  boolean walked() {
    return row >= rows;
  }

  /**
   * Writes the next candidate pairs (equal keys) into {@code probeRows}/{@code buildRows}.
   *
   * @param capacity the most pairs to write
   * @param skipMatched skip probe rows already marked matched (semi and anti joins need one match)
   * @return how many pairs were written; 0 only once the walk is over
   */
  int candidates(int[] probeRows, int[] buildRows, int capacity, boolean skipMatched) {
    if (table.rows() == 0) {
      row = rows;
      return 0;
    }
    KeyEquality[] equal = equalities();
    long[] buildHashes = table.hashes();
    int[] next = table.next();
    int[] first = heads();
    int count = 0;
    while (row < rows) {
      if (chain == NOT_STARTED) {
        if ((nullKeys != null && nullKeys[row]) || (skipMatched && matched[row])) {
          row++;
          continue;
        }
        chain = first[row];
      } else if (skipMatched && matched[row]) {
        chain = -1;
      }
      long hash = hashes[row];
      while (chain >= 0) {
        if (count == capacity) {
          return count;
        }
        int build = chain;
        chain = next[build];
        if (buildHashes[build] == hash && equal(equal, row, build)) {
          probeRows[count] = row;
          buildRows[count] = build;
          count++;
        }
      }
      row++;
      chain = NOT_STARTED;
    }
    return count;
  }

  /** Walks every probe row up to its first match and marks it matched (semi and anti joins without residual). */
  void markFirstMatches() {
    if (table.rows() == 0) {
      row = rows;
      return;
    }
    KeyEquality[] equal = equalities();
    long[] buildHashes = table.hashes();
    int[] next = table.next();
    int[] first = heads();
    for (; row < rows; row++) {
      if ((nullKeys != null && nullKeys[row]) || matched[row]) {
        continue;
      }
      long hash = hashes[row];
      for (int build = first[row]; build >= 0; build = next[build]) {
        if (buildHashes[build] == hash && equal(equal, row, build)) {
          matched[row] = true;
          break;
        }
      }
    }
  }

  private static boolean equal(KeyEquality[] equal, int probeRow, int buildRow) {
    for (KeyEquality key : equal) {
      if (!key.equal(probeRow, buildRow)) {
        return false;
      }
    }
    return true;
  }

  private int[] heads() {
    if (heads == null) {
      heads = new int[rows];
      for (int i = 0; i < rows; i++) {
        heads[i] = table.head(hashes[i]);
      }
    }
    return heads;
  }

  private KeyEquality[] equalities() {
    if (equalities == null) {
      equalities = new KeyEquality[probeKeys.length];
      for (int k = 0; k < equalities.length; k++) {
        equalities[k] = KeyEquality.of(probeKeys[k], table.keyColumn(k), k);
      }
    }
    return equalities;
  }

  /** Equality of one key between a probe row and a build row, specialized by type. */
  private abstract static class KeyEquality {
    abstract boolean equal(int probeRow, int buildRow);

    static KeyEquality of(ColumnData probe, ColumnData build, int key) {
      if (probe instanceof LongData p && build instanceof LongData b && sameScale(p.type(), b.type())) {
        return new Longs(p.values(), b.values());
      }
      if (probe instanceof DoubleData p && build instanceof DoubleData b) {
        return new Doubles(p.values(), b.values());
      }
      if (probe instanceof BoolData p && build instanceof BoolData b) {
        return new Booleans(p.values(), b.values());
      }
      if (probe instanceof StringData p && build instanceof StringData b) {
        return new Strings(p, b);
      }
      throw new EngineException(ErrorCode.TYPE_MISMATCH, "Hash join key " + (key + 1) + " is "
          + probe.type().displayName() + " on the probe side but " + build.type().displayName()
          + " on the build side; the keys of both sides must have the same type");
    }

    private static boolean sameScale(DataType probe, DataType build) {
      int probeScale = probe instanceof DataType.Decimal d ? d.scale() : 0;
      int buildScale = build instanceof DataType.Decimal d ? d.scale() : 0;
      return probeScale == buildScale;
    }
  }

  private static final class Longs extends KeyEquality {
    private final long[] probe;
    private final long[] build;

    Longs(long[] probe, long[] build) {
      this.probe = probe;
      this.build = build;
    }

    @Override
    boolean equal(int probeRow, int buildRow) {
      return probe[probeRow] == build[buildRow];
    }
  }

  private static final class Doubles extends KeyEquality {
    private final double[] probe;
    private final double[] build;

    Doubles(double[] probe, double[] build) {
      this.probe = probe;
      this.build = build;
    }

    @Override
    boolean equal(int probeRow, int buildRow) {
      double a = probe[probeRow];
      double b = build[buildRow];
      return a == b || (a != a && b != b);
    }
  }

  private static final class Booleans extends KeyEquality {
    private final boolean[] probe;
    private final boolean[] build;

    Booleans(boolean[] probe, boolean[] build) {
      this.probe = probe;
      this.build = build;
    }

    @Override
    boolean equal(int probeRow, int buildRow) {
      return probe[probeRow] == build[buildRow];
    }
  }

  private static final class Strings extends KeyEquality {
    private final byte[] probeBytes;
    private final int[] probeOffsets;
    private final byte[] buildBytes;
    private final int[] buildOffsets;

    Strings(StringData probe, StringData build) {
      this.probeBytes = probe.bytes();
      this.probeOffsets = probe.offsets();
      this.buildBytes = build.bytes();
      this.buildOffsets = build.offsets();
    }

    @Override
    boolean equal(int probeRow, int buildRow) {
      int probeFrom = probeOffsets[probeRow];
      int probeTo = probeOffsets[probeRow + 1];
      int buildFrom = buildOffsets[buildRow];
      int buildTo = buildOffsets[buildRow + 1];
      return probeTo - probeFrom == buildTo - buildFrom
          && Arrays.equals(probeBytes, probeFrom, probeTo, buildBytes, buildFrom, buildTo);
    }
  }
}
