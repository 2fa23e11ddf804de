package dev.sluice.executors.spill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.keyed.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spilling table: colliding hashes, merges wider than the merge width, cleanup on close. */
class TestSpillableHashTable {
  /** Strings that all have the same hash code. */
  private static final List<String> COLLIDING = List.of("AaAa", "AaBB", "BBAa", "BBBB");

  @TempDir
  Path spillDirectory;

  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private SpillableHashTable table(long budget) {
    OperatorContext context = new OperatorContext("job-0/stage-0/task-0.0", allocator, 16, 1024, budget,
        spillDirectory);
    return new SpillableHashTable("Test", context, (older, newer) -> (Long) older + (Long) newer);
  }

  private static void add(SpillableHashTable table, Object key, long value) {
    int slot = table.find(key);
    if (slot < 0) {
      table.insert(key, value);
    } else {
      table.set(slot, (Long) table.state(slot) + value);
    }
  }

  private static Map<Object, Object> drain(SpillableHashTable table) {
    Map<Object, Object> results = new HashMap<>();
    for (Iterator<Pair<Object, Object>> entries = table.drain(); entries.hasNext(); ) {
      Pair<Object, Object> entry = entries.next();
      assertThat(results).doesNotContainKey(entry.key());
      results.put(entry.key(), entry.value());
    }
    return results;
  }

  @Test
  void testKeysWithEqualHashesStayApartAcrossManyRuns() {
    assertThat(COLLIDING.stream().map(String::hashCode).distinct()).hasSize(1);
    Random random = new Random(9);
    Map<Object, Object> expected = new HashMap<>();
    try (SpillableHashTable table = table(2048)) {
      for (int i = 0; i < 5000; i++) {
        Object key = random.nextBoolean() ? COLLIDING.get(random.nextInt(4)) : (Object) random.nextInt(200);
        add(table, key, i);
        expected.merge(key, (long) i, (left, right) -> (Long) left + (Long) right);
      }
      assertThat(table.spillCount()).as("spills").isGreaterThan(SpillableHashTable.MERGE_WIDTH + 1);
      assertThat(drain(table)).isEqualTo(expected);
    }
    assertThat(spillDirectory).isEmptyDirectory();
  }

  @Test
  void testCloseWhileDrainingDeletesTheRuns() {
    SpillableHashTable table = table(1024);
    for (int i = 0; i < 2000; i++) {
      add(table, i % 300, 1);
    }
    assertThat(table.spillCount()).isPositive();
    Iterator<Pair<Object, Object>> entries = table.drain();
    entries.next();
    assertThat(spillDirectory).isNotEmptyDirectory();
    table.close();
    table.close();
    assertThat(spillDirectory).isEmptyDirectory();
  }

  @Test
  void testWithoutSpillingKeysComeOutInFirstSeenOrder() {
    List<Object> keys = new ArrayList<>();
    try (SpillableHashTable table = table(Long.MAX_VALUE)) {
      for (int i = 0; i < 1000; i++) {
        Object key = i % 7 == 0 ? null : "k" + (i * 31 % 500);
        if (table.find(key) < 0) {
          keys.add(key);
        }
        add(table, key, 1);
      }
      List<Object> drained = new ArrayList<>();
      table.drain().forEachRemaining(entry -> drained.add(entry.key()));
      assertThat(drained).containsExactlyElementsOf(keys);
      assertThat(table.spillCount()).isZero();
    }
  }
}
