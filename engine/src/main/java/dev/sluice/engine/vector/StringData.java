package dev.sluice.engine.vector;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.DataType;
import java.nio.charset.StandardCharsets;

/**
 * utf8 values as Arrow lays them out: row {@code i} is {@code bytes[offsets[i] .. offsets[i+1])}.
 * Kernels compare, hash and match the bytes without decoding; {@link #getString} decodes one.
 */
public final class StringData implements ColumnData {
  private final byte[] bytes;
  private final int[] offsets;
  private final boolean[] nulls;
  private final int size;

  public StringData(byte[] bytes, int[] offsets, boolean[] nulls, int size) {
    this.bytes = requireNonNull(bytes, "bytes is null");
    this.offsets = requireNonNull(offsets, "offsets is null");
    this.nulls = nulls;
    this.size = size;
    if (offsets.length < size + 1 || (nulls != null && nulls.length < size)) {
      throw new IllegalArgumentException("arrays shorter than size " + size);
    }
  }

  public byte[] bytes() {
    return bytes;
  }

  public int[] offsets() {
    return offsets;
  }

  public int start(int row) {
    return offsets[row];
  }

  public int length(int row) {
    return offsets[row + 1] - offsets[row];
  }

  public String getString(int row) {
    return new String(bytes, offsets[row], offsets[row + 1] - offsets[row], StandardCharsets.UTF_8);
  }

  @Override
  public DataType type() {
    return DataType.UTF8;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean[] nulls() {
    return nulls;
  }

  @Override
  public Object getObject(int row) {
    return isNull(row) ? null : getString(row);
  }

  @Override
  public StringData gather(int[] selection, int count) {
    int total = 0;
    for (int i = 0; i < count; i++) {
      total += length(selection[i]);
    }
    byte[] out = new byte[total];
    int[] outOffsets = new int[count + 1];
    int position = 0;
    for (int i = 0; i < count; i++) {
      int row = selection[i];
      int length = length(row);
      System.arraycopy(bytes, offsets[row], out, position, length);
      position += length;
      outOffsets[i + 1] = position;
    }
    return new StringData(out, outOffsets, Selections.gatherNulls(nulls, selection, count), count);
  }
}
