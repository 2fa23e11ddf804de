package dev.sluice.executors.columnar;

import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.StringData;
import java.util.Arrays;
import java.util.List;

/**
 * {@code min}/{@code max} of utf8 values by unsigned byte order. Each group's current value lives
 * in one byte arena: a value that fits where the old one was overwrites it, a longer one is
 * appended, and the arena is compacted when more than half of it is dead, so updates allocate
 * nothing per row.
 */
final class StringMinMaxAccumulator extends MinMaxAccumulator {
  /** The values' bytes. */
  private byte[] arena = new byte[16 * INITIAL_GROUPS];
  /** Bytes of the arena in use, live or dead. */
  private int used;
  /** Bytes of the arena that hold current values. */
  private long live;
  /** Where each group's value starts in the arena. */
  private int[] starts = new int[INITIAL_GROUPS];
  /** Each group's value length. */
  private int[] lengths = new int[INITIAL_GROUPS];

  StringMinMaxAccumulator(boolean max) {
    super(max);
  }

  @Override
  void ensureGroups(int groups) {
    if (groups > starts.length) {
      int capacity = grown(starts.length, groups);
      starts = Arrays.copyOf(starts, capacity);
      lengths = Arrays.copyOf(lengths, capacity);
      seen = Arrays.copyOf(seen, capacity);
    }
  }

  @Override
  void update(ColumnData input, int[] groupIds, int rows) {
    StringData strings = (StringData) input;
    byte[] bytes = strings.bytes();
    int[] offsets = strings.offsets();
    boolean[] nulls = input.nulls();
    for (int i = 0; i < rows; i++) {
      if (nulls != null && nulls[i]) {
        continue;
      }
      int group = groupIds[i];
      int from = offsets[i];
      int to = offsets[i + 1];
      if (seen[group]) {
        int compared = Arrays.compareUnsigned(bytes, from, to, arena, starts[group], starts[group] + lengths[group]);
        if (max ? compared <= 0 : compared >= 0) {
          continue;
        }
      }
      store(group, bytes, from, to - from);
    }
  }

  private void store(int group, byte[] bytes, int from, int length) {
    if (seen[group] && length <= lengths[group]) {
      live -= lengths[group] - length;
    } else {
      if (seen[group]) {
        live -= lengths[group];
      }
      live += length;
      if (used + length > arena.length) {
        makeRoom(length);
      }
      starts[group] = used;
      used += length;
    }
    System.arraycopy(bytes, from, arena, starts[group], length);
    lengths[group] = length;
    seen[group] = true;
  }

  /** Compacts (when mostly dead) or grows the arena so that {@code length} more bytes fit. */
  private void makeRoom(int length) {
    long needed = live + length;
    if (used - live > used / 2) {
      byte[] compacted = new byte[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(arena.length, needed * 2))];
      int position = 0;
      for (int group = 0; group < starts.length; group++) {
        if (seen[group]) {
          System.arraycopy(arena, starts[group], compacted, position, lengths[group]);
          starts[group] = position;
          position += lengths[group];
        }
      }
      arena = compacted;
      used = position;
    }
    if (used + length > arena.length) {
      arena = Arrays.copyOf(arena, (int) Math.min(Integer.MAX_VALUE - 16, Math.max((long) used + length,
          2L * arena.length)));
    }
  }

  @Override
  void results(int[] groups, int count, List<ColumnData> out) {
    int total = 0;
    for (int i = 0; i < count; i++) {
      total += seen[groups[i]] ? lengths[groups[i]] : 0;
    }
    byte[] bytes = new byte[total];
    int[] offsets = new int[count + 1];
    int position = 0;
    for (int i = 0; i < count; i++) {
      int group = groups[i];
      if (seen[group]) {
        System.arraycopy(arena, starts[group], bytes, position, lengths[group]);
        position += lengths[group];
      }
      offsets[i + 1] = position;
    }
    out.add(new StringData(bytes, offsets, unseen(seen, groups, count), count));
  }

  @Override
  long memoryBytes() {
    return arena.length + 9L * starts.length;
  }

  @Override
  void clear() {
    arena = new byte[16 * INITIAL_GROUPS];
    used = 0;
    live = 0;
    starts = new int[INITIAL_GROUPS];
    lengths = new int[INITIAL_GROUPS];
    seen = new boolean[INITIAL_GROUPS];
  }
}
