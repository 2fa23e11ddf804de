package dev.sluice.executors.columnar;

import dev.sluice.engine.batch.Batch;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Merges sorted sources (spilled runs, the sorted in-memory buffer) into one sorted sequence of
 * batches: a binary heap of the sources' current rows, smallest key first and, on equal keys, the
 * earlier source first (so a merge of runs written in input order is stable). Each source holds one
 * batch at a time, whose keys are evaluated when it is read. Output rows are gathered from the
 * sources' batches into batches of up to {@code batchRows} rows; once a single source is left, its
 * batches pass through. Stops after {@code limit} rows when {@code limit ≥ 0}.
 */
final class SortedRunMerger implements SortedBatches {
  /** One source and its current batch. */
  private static final class Cursor {
    /** Where the batches come from; null once exhausted and closed. */
    private SortedBatches input;
    /** The current batch (owned), or null. */
    private Batch batch;
    /** Its buffer addresses. */
    private ArrowGather.Source source;
    /** Its keys. */
    private SortKeyColumns keys;
    /** Rows in it, and the next one to hand out. */
    private int rows;
    private int position;
    /** Its index among the gather sources of the pending output batch. */
    private int slot;
  }

  private final SortKeyEvaluator evaluator;
  private final BufferAllocator allocator;
  /** The sources, in tie-break order. */
  private final Cursor[] cursors;
  /** Cursor indices, a binary min-heap over their current rows. */
  private final int[] heap;
  private int heapSize;
  /** Batches that every row of the pending output batch may come from. */
  private final List<ArrowGather.Source> slots = new ArrayList<>();
  /** Batches whose rows were all taken, closed after the pending output batch is gathered. */
  private final List<Batch> retired = new ArrayList<>();
  /** Per pending output row: its slot and row. */
  private final int[] sourceOf;
  private final int[] rowOf;
  /** Rows still to hand out (Long.MAX_VALUE without a limit). */
  private long remaining;

  SortedRunMerger(List<SortedBatches> inputs, SortKeyEvaluator evaluator, int batchRows, long limit,
      BufferAllocator allocator) {
    this.evaluator = evaluator;
    this.allocator = allocator;
    this.remaining = limit < 0 ? Long.MAX_VALUE : limit;
    this.sourceOf = new int[batchRows];
    this.rowOf = new int[batchRows];
    this.cursors = new Cursor[inputs.size()];
    this.heap = new int[inputs.size()];
    try {
      for (int i = 0; i < inputs.size(); i++) {
        cursors[i] = new Cursor();
        cursors[i].input = inputs.get(i);
      }
      for (int i = 0; i < cursors.length; i++) {
        if (load(cursors[i])) {
          heap[heapSize++] = i;
        }
      }
    } catch (RuntimeException e) {
      close();
      inputs.forEach(SortedBatches::close);
      throw e;
    }
    for (int i = heapSize / 2 - 1; i >= 0; i--) {
      siftDown(i);
    }
  }

  @Override
  public Batch next() {
    int count = 0;
    while (heapSize > 0 && remaining > 0 && count < sourceOf.length) {
      Cursor head = cursors[heap[0]];
      if (heapSize == 1 && count == 0) {
        return passThrough(head);
      }
      sourceOf[count] = head.slot;
      rowOf[count] = head.position;
      count++;
      remaining--;
      if (++head.position == head.rows) {
        retired.add(head.batch);
        head.batch = null;
        if (!load(head)) {
          heap[0] = heap[--heapSize];
        }
      }
      if (heapSize > 0) {
        siftDown(0);
      }
    }
    if (count == 0) {
      close();
      return null;
    }
    Batch out = ArrowGather.gather(slots.toArray(new ArrowGather.Source[0]), sourceOf, rowOf, count, allocator);
    resetSlots();
    return out;
  }

  /** With one source left: the rest of its current batch, whole when possible. */
  private Batch passThrough(Cursor cursor) {
    int take = (int) Math.min(cursor.rows - cursor.position, remaining);
    Batch out;
    if (cursor.position == 0 && take == cursor.rows) {
      out = cursor.batch;
      cursor.batch = null;
    } else {
      int[] slot = new int[take];
      int[] rows = new int[take];
      for (int i = 0; i < take; i++) {
        rows[i] = cursor.position + i;
      }
      out = ArrowGather.gather(new ArrowGather.Source[] {cursor.source}, slot, rows, take, allocator);
      cursor.batch.close();
      cursor.batch = null;
    }
    remaining -= take;
    slots.clear();
    if (remaining == 0 || !load(cursor)) {
      heapSize = 0;
    }
    resetSlots();
    return out;
  }

  /** Reads the cursor's next non-empty batch; false (and the input closed) at its end. */
  private boolean load(Cursor cursor) {
    while (cursor.input != null) {
      Batch batch = cursor.input.next();
      if (batch == null) {
        cursor.input.close();
        cursor.input = null;
        break;
      }
      if (batch.rowCount() == 0) {
        batch.close();
        continue;
      }
      cursor.batch = batch;
      cursor.rows = batch.rowCount();
      cursor.position = 0;
      cursor.source = new ArrowGather.Source(batch);
      cursor.keys = SortKeyColumns.wrap(evaluator.keys(), evaluator.evaluate(batch), cursor.rows);
      cursor.slot = slots.size();
      slots.add(cursor.source);
      return true;
    }
    cursor.source = null;
    cursor.keys = null;
    return false;
  }

  /** After an output batch: frees the retired batches and indexes the live ones afresh. */
  private void resetSlots() {
    retired.forEach(Batch::close);
    retired.clear();
    slots.clear();
    for (int h = 0; h < heapSize; h++) {
      Cursor cursor = cursors[heap[h]];
      cursor.slot = slots.size();
      slots.add(cursor.source);
    }
  }

  private void siftDown(int at) {
    int moving = heap[at];
    while (true) {
      int child = 2 * at + 1;
      if (child >= heapSize) {
        break;
      }
      if (child + 1 < heapSize && less(heap[child + 1], heap[child])) {
        child++;
      }
      if (!less(heap[child], moving)) {
        break;
      }
      heap[at] = heap[child];
      at = child;
    }
    heap[at] = moving;
  }

  private boolean less(int left, int right) {
    Cursor a = cursors[left];
    Cursor b = cursors[right];
    int order = a.keys.compare(a.position, b.keys, b.position);
    return order < 0 || (order == 0 && left < right);
  }

  @Override
  public void close() {
    heapSize = 0;
    retired.forEach(Batch::close);
    retired.clear();
    slots.clear();
    for (Cursor cursor : cursors) {
      if (cursor == null) {
        continue;
      }
      if (cursor.batch != null) {
        cursor.batch.close();
        cursor.batch = null;
      }
      if (cursor.input != null) {
        cursor.input.close();
        cursor.input = null;
      }
    }
  }
}
