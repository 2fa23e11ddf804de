package dev.sluice.api;

import static dev.sluice.api.KeyedRows.assertSameKeyedResult;
import static dev.sluice.api.KeyedRows.assertSameMultiset;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.keyed.Pair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hash aggregation, groupBy, cogroup (joins) and sort under a tiny per-task memory budget
 * ({@code sluice.task.memory=8k}) on {@value #ROWS} rows, so every task spills many runs and merges
 * them: the answers must still be exact. A probe placed after the spilling operator (in the same
 * task) counts the run files in the executors' spill directories while the merge reads them, to
 * show that spilling happened; after each job no spill or shuffle file is left, and after the
 * session closes its work directory is gone. Each test has its own session, whose close also checks
 * for leaked Arrow memory.
 */
class TestSpill {
  private static final int ROWS = 200_000;
  private static final String BUDGET = "8k";
  /** The most spill files one probe saw at once in this test. */
  private static final AtomicInteger SPILL_FILES_SEEN = new AtomicInteger();

  @BeforeEach
  void resetProbe() {
    SPILL_FILES_SEEN.set(0);
  }

  private static Sluice session(String name) {
    return KeyedRows.sessionBuilder(name).config("sluice.task.memory", BUDGET).getOrCreate();
  }

  /** Hot key on every fifth row, null key on every 97th of the rest, else one of 20,000 keys. */
  private static String keyOf(long row) {
    if (row % 5 == 0) {
      return KeyedRows.HOT;
    }
    return row % 97 == 0 ? null : "k" + (row * 7919 % 20_000);
  }

  private static PairDataset<String, Long> rows(Sluice sluice) {
    return sluice.range(0, ROWS, 1, 4).boxed().mapToPair(row -> Pair.of(keyOf(row), row));
  }

  @Test
  void testReduceByKeySpillsAndMatchesReference() {
    Path workDirectory;
    try (Sluice sluice = session("spill-reduceByKey")) {
      workDirectory = sluice.workDirectory();
      String directory = workDirectory.toString();
      Map<String, Long> expected = new HashMap<>();
      for (long row = 0; row < ROWS; row++) {
        expected.merge(keyOf(row), row, Long::sum);
      }

      List<Pair<String, Long>> actual = rows(sluice).reduceByKey(Long::sum, 3).asDataset()
          .mapPartitions(rows -> probeSpills(directory, rows))
          .collect();

      assertSameKeyedResult(actual, pairsOf(expected));
      assertSpilledAndCleanedUp(workDirectory);
    }
    assertThat(workDirectory).doesNotExist();
  }

  @Test
  void testGroupByKeySpillsAndMatchesReference() {
    Path workDirectory;
    try (Sluice sluice = session("spill-groupByKey")) {
      workDirectory = sluice.workDirectory();
      String directory = workDirectory.toString();
      Map<String, List<Long>> expected = new HashMap<>();
      for (long row = 0; row < ROWS; row++) {
        expected.computeIfAbsent(keyOf(row), key -> new ArrayList<>()).add(row);
      }

      List<Pair<String, List<Long>>> actual = rows(sluice).groupByKey(3).asDataset()
          .mapPartitions(rows -> probeSpills(directory, rows))
          .collect();

      assertSameKeyedResult(KeyedRows.withSortedValues(actual), pairsOf(expected));
      assertSpilledAndCleanedUp(workDirectory);
    }
    assertThat(workDirectory).doesNotExist();
  }

  @Test
  void testJoinSpillsAndMatchesReference() {
    Path workDirectory;
    try (Sluice sluice = session("spill-join")) {
      workDirectory = sluice.workDirectory();
      String directory = workDirectory.toString();
      PairDataset<String, String> names = sluice.range(0, 20_002, 1, 3).boxed()
          .mapToPair(row -> Pair.of(row >= 20_000 ? null : "k" + row, "n" + row));
      Map<String, List<String>> namesByKey = new HashMap<>();
      for (long row = 0; row < 20_002; row++) {
        namesByKey.computeIfAbsent(row >= 20_000 ? null : "k" + row, key -> new ArrayList<>()).add("n" + row);
      }
      List<Pair<String, Pair<Long, String>>> expected = new ArrayList<>();
      for (long row = 0; row < ROWS; row++) {
        String key = keyOf(row);
        for (String name : namesByKey.getOrDefault(key, List.of())) {
          expected.add(Pair.of(key, Pair.of(row, name)));
        }
      }

      List<Pair<String, Pair<Long, String>>> actual = rows(sluice).join(names, 3).asDataset()
          .mapPartitions(rows -> probeSpills(directory, rows))
          .collect();

      assertSameMultiset(actual, expected);
      assertSpilledAndCleanedUp(workDirectory);
    }
    assertThat(workDirectory).doesNotExist();
  }

  @Test
  void testSortBySpillsAndKeepsTiesOfASingleInputPartitionInOrder() {
    Path workDirectory;
    try (Sluice sluice = session("spill-sortBy")) {
      workDirectory = sluice.workDirectory();
      String directory = workDirectory.toString();
      List<Long> expected = new ArrayList<>();
      for (long row = 0; row < ROWS; row++) {
        expected.add(row);
      }
      expected.sort(Comparator.comparing(TestSpill::sortKey, Comparator.nullsFirst(Comparator.naturalOrder())));

      Dataset<Long> sorted = sluice.range(0, ROWS, 1, 1).boxed().sortBy(TestSpill::sortKey, true, 3);
      List<Long> actual = sorted.mapPartitions(rows -> probeSpills(directory, rows)).collect();

      assertThat(actual).as("sorted, ties in input order").containsExactlyElementsOf(expected);
      assertSpilledAndCleanedUp(workDirectory);

      SPILL_FILES_SEEN.set(0);
      List<Long> expectedDescending = LongStream.range(0, ROWS).boxed().collect(Collectors.toList());
      expectedDescending.sort(Comparator.comparing(TestSpill::skewedSortKey,
          Comparator.nullsFirst(Comparator.<Long>naturalOrder()).reversed()));
      List<Long> descending = sluice.range(0, ROWS, 1, 1).boxed().sortBy(TestSpill::skewedSortKey, false, 4)
          .mapPartitions(rows -> probeSpills(directory, rows))
          .collect();
      assertThat(descending).as("sorted descending, nulls last, ties in input order")
          .containsExactlyElementsOf(expectedDescending);
      assertSpilledAndCleanedUp(workDirectory);
    }
    assertThat(workDirectory).doesNotExist();
  }

  /** A sort key where one value holds half the rows, with nulls. */
  private static Long skewedSortKey(Long row) {
    return row % 2 == 0 ? Long.valueOf(7) : sortKey(row);
  }

  @Test
  void testKeysWithEqualHashCodesStayApartAcrossSpilledRuns() {
    List<String> colliding = new ArrayList<>();
    for (int bits = 0; bits < 512; bits++) {
      StringBuilder key = new StringBuilder();
      for (int i = 0; i < 9; i++) {
        key.append((bits >> i & 1) == 0 ? "Aa" : "BB");
      }
      colliding.add(key.toString());
    }
    assertThat(colliding.stream().map(String::hashCode).distinct()).hasSize(1);
    List<Pair<String, Long>> input = new ArrayList<>();
    for (long row = 0; row < 30_000; row++) {
      int pick = (int) (row * 7919 % 2000);
      input.add(Pair.of(pick < 512 ? colliding.get(pick) : pick == 512 ? null : pick == 513 ? "" : "x" + pick, row));
    }
    Map<String, Long> sums = new HashMap<>();
    input.forEach(pair -> sums.merge(pair.key(), pair.value(), Long::sum));
    List<Pair<String, String>> other = new ArrayList<>();
    colliding.forEach(key -> other.add(Pair.of(key, "o" + key.hashCode())));
    other.add(Pair.of(null, "null"));
    other.add(Pair.of("", "empty"));
    Map<String, List<Long>> groups = KeyedRows.group(input);
    List<Pair<String, Pair<List<Long>, List<String>>>> expectedCogroup = new ArrayList<>();
    groups.forEach((key, values) -> expectedCogroup.add(Pair.of(key, Pair.of(KeyedRows.sorted(values),
        key == null ? List.of("null") : key.isEmpty() ? List.of("empty") : key.startsWith("x") ? List.of()
            : List.of("o" + key.hashCode())))));
    Path workDirectory;
    // small batches, so the probe runs while the merge still reads the runs (it runs at the first batch)
    try (Sluice sluice = KeyedRows.sessionBuilder("spill-collisions").config("sluice.task.memory", BUDGET)
        .config("sluice.batch.rows", "256").getOrCreate()) {
      workDirectory = sluice.workDirectory();
      String directory = workDirectory.toString();
      PairDataset<String, Long> pairs = sluice.parallelize(input, 3).mapToPair(pair -> pair);

      List<Pair<String, Long>> reduced = pairs.reduceByKey(Long::sum, 2).asDataset()
          .mapPartitions(rows -> probeSpills(directory, rows))
          .collect();
      assertSameKeyedResult(reduced, pairsOf(sums));
      assertSpilledAndCleanedUp(workDirectory);

      SPILL_FILES_SEEN.set(0);
      List<Pair<String, Pair<List<Long>, List<String>>>> cogrouped = new ArrayList<>();
      pairs.cogroup(sluice.parallelize(other, 2).mapToPair(pair -> pair), 2).asDataset()
          .mapPartitions(rows -> probeSpills(directory, rows))
          .collect()
          .forEach(pair -> cogrouped.add(Pair.of(pair.key(), Pair.of(KeyedRows.sorted(pair.value().key()),
              pair.value().value()))));
      assertSameKeyedResult(cogrouped, expectedCogroup);
      assertSpilledAndCleanedUp(workDirectory);
    }
    assertThat(workDirectory).doesNotExist();
  }

  /** A sort key with many ties and some nulls. */
  private static Long sortKey(Long row) {
    return row % 13 == 0 ? null : row * 7919 % 50_000;
  }

  private static <K, V> List<Pair<K, V>> pairsOf(Map<K, V> map) {
    List<Pair<K, V>> pairs = new ArrayList<>();
    map.forEach((key, value) -> pairs.add(Pair.of(key, value)));
    return pairs;
  }

  /**
   * Runs in the task right after the spilling operator: once that operator has produced its first
   * row (so it is merging its runs), counts the spill files of every executor.
   */
  private static <T> Iterator<T> probeSpills(String workDirectory, Iterator<T> rows) {
    if (rows.hasNext()) {
      int files = 0;
      try (DirectoryStream<Path> executors = Files.newDirectoryStream(Path.of(workDirectory), "executor-*")) {
        for (Path executor : executors) {
          Path spill = executor.resolve("spill");
          if (Files.isDirectory(spill)) {
            try (DirectoryStream<Path> runs = Files.newDirectoryStream(spill, "*.spill")) {
              for (Path ignored : runs) {
                files++;
              }
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      SPILL_FILES_SEEN.accumulateAndGet(files, Math::max);
    }
    return rows;
  }

  private static void assertSpilledAndCleanedUp(Path workDirectory) {
    assertThat(SPILL_FILES_SEEN.get()).as("spill files seen while merging").isGreaterThan(1);
    assertThat(filesEndingWith(workDirectory, ".spill")).as("spill files left").isEmpty();
    assertThat(filesEndingWith(workDirectory, ".data")).as("shuffle data files left").isEmpty();
    assertThat(filesEndingWith(workDirectory, ".index")).as("shuffle index files left").isEmpty();
    assertThat(filesEndingWith(workDirectory, ".tmp")).as("temporary files left").isEmpty();
  }

  private static List<Path> filesEndingWith(Path directory, String suffix) {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(file -> file.getFileName().toString().endsWith(suffix)).collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
