package dev.sluice.executors.columnar;

import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.StringData;
import java.util.List;

/** Joins pieces of one column (same type) end to end into one column: buffered rows become one batch. */
public final class ColumnConcat {
  private ColumnConcat() {}

  /** The pieces one after another; {@code rows} is the sum of their sizes. */
  public static ColumnData concat(List<ColumnData> pieces, int rows) {
    ColumnData first = pieces.get(0);
    boolean[] nulls = nulls(pieces, rows);
    if (first instanceof LongData longs) {
      long[] values = new long[rows];
      int position = 0;
      for (ColumnData piece : pieces) {
        System.arraycopy(((LongData) piece).values(), 0, values, position, piece.size());
        position += piece.size();
      }
      return new LongData(longs.type(), values, nulls, rows);
    }
    if (first instanceof DoubleData) {
      double[] values = new double[rows];
      int position = 0;
      for (ColumnData piece : pieces) {
        System.arraycopy(((DoubleData) piece).values(), 0, values, position, piece.size());
        position += piece.size();
      }
      return new DoubleData(values, nulls, rows);
    }
    if (first instanceof BoolData) {
      boolean[] values = new boolean[rows];
      int position = 0;
      for (ColumnData piece : pieces) {
        System.arraycopy(((BoolData) piece).values(), 0, values, position, piece.size());
        position += piece.size();
      }
      return new BoolData(values, nulls, rows);
    }
    int total = 0;
    for (ColumnData piece : pieces) {
      StringData strings = (StringData) piece;
      total += strings.offsets()[piece.size()] - strings.offsets()[0];
    }
    byte[] bytes = new byte[total];
    int[] offsets = new int[rows + 1];
    int row = 0;
    int position = 0;
    for (ColumnData piece : pieces) {
      StringData strings = (StringData) piece;
      int[] pieceOffsets = strings.offsets();
      int base = pieceOffsets[0];
      int length = pieceOffsets[piece.size()] - base;
      System.arraycopy(strings.bytes(), base, bytes, position, length);
      for (int i = 1; i <= piece.size(); i++) {
        offsets[row + i] = position + pieceOffsets[i] - base;
      }
      row += piece.size();
      position += length;
    }
    return new StringData(bytes, offsets, nulls, rows);
  }

  private static boolean[] nulls(List<ColumnData> pieces, int rows) {
    boolean any = false;
    for (ColumnData piece : pieces) {
      any |= piece.nulls() != null;
    }
    if (!any) {
      return null;
    }
    boolean[] nulls = new boolean[rows];
    int position = 0;
    for (ColumnData piece : pieces) {
      if (piece.nulls() != null) {
        System.arraycopy(piece.nulls(), 0, nulls, position, piece.size());
      }
      position += piece.size();
    }
    return nulls;
  }
}
