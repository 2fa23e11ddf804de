package dev.sluice.api;

import static dev.sluice.api.KeyedRows.assertSameKeyedResult;
import static dev.sluice.api.KeyedRows.assertSameMultiset;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.SampleRows.Word;
import dev.sluice.engine.keyed.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every keyed aggregation and per-value operation of {@link PairDataset} against a plain-Java
 * reference over the same pairs: skewed keys (one key holds half the rows), null keys and null
 * values, empty inputs, in 1 and 200 input partitions and into the default, 1 and 200 target
 * partitions. The session's close checks for leaked Arrow memory.
 */
class TestKeyedOperations {
  private static Sluice sluice;

  @BeforeAll
  static void startSession() {
    sluice = KeyedRows.sessionBuilder("TestKeyedOperations").getOrCreate();
  }

  @AfterAll
  static void closeSession() {
    sluice.close();
  }

  /**
   * (seed, size, input partitions, target partitions or 0 for the default): a few thousand rows in
   * one and a few partitions, a few hundred in 200 (most map outputs tiny), into 1 and 200, and
   * empty inputs.
   */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(7L, 3000, 1, 0),
        Arguments.of(7L, 3000, 4, 1),
        Arguments.of(11L, 3000, 1, 200),
        Arguments.of(42L, 301, 200, 0),
        Arguments.of(43L, 301, 200, 1),
        Arguments.of(99L, 301, 3, 7),
        Arguments.of(1234L, 0, 1, 0),
        Arguments.of(1234L, 0, 200, 200));
  }

  /** (seed, size, input partitions), for operations without a target partition count. */
  static Stream<Arguments> inputCases() {
    return Stream.of(
        Arguments.of(7L, 3000, 1),
        Arguments.of(42L, 301, 3),
        Arguments.of(43L, 301, 200),
        Arguments.of(1234L, 0, 1),
        Arguments.of(1234L, 0, 200));
  }

  private static PairDataset<String, Integer> pairs(List<Pair<String, Integer>> input, int partitions) {
    return sluice.parallelize(input, partitions).mapToPair(pair -> pair);
  }

  private static int expectedPartitions(int partitions, int target) {
    return target == 0 ? partitions : target;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testReduceByKeyMatchesHashMapReference(long seed, int size, int partitions, int target) {
    List<Pair<String, Integer>> input = KeyedRows.skewedPairs(seed, size);
    List<Pair<String, Integer>> expected = KeyedRows.aggregate(input, TestKeyedOperations::reduceLeft);

    PairDataset<String, Integer> reduced = target == 0
        ? pairs(input, partitions).reduceByKey(KeyedRows::sumOrZero)
        : pairs(input, partitions).reduceByKey(KeyedRows::sumOrZero, target);

    assertThat(reduced.getNumPartitions()).isEqualTo(expectedPartitions(partitions, target));
    List<Pair<String, Integer>> actual = reduced.collect();
    assertSameKeyedResult(actual, expected);
    if (size > 0) {
      assertThat(actual).extracting(Pair::key).contains(KeyedRows.HOT, (String) null);
    }
    Map<String, Integer> asMap = new HashMap<>();
    expected.forEach(pair -> asMap.put(pair.key(), pair.value()));
    assertThat(reduced.collectAsMap()).isEqualTo(asMap);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testFoldByKeyFoldsEveryKeyFromZero(long seed, int size, int partitions, int target) {
    List<Pair<String, Integer>> input = KeyedRows.skewedPairs(seed, size);
    List<Pair<String, Integer>> expectedSums = KeyedRows.aggregate(input,
        values -> values.stream().mapToInt(KeyedRows::orZero).sum());
    List<Pair<String, Integer>> expectedMaxima = KeyedRows.aggregate(input,
        values -> values.stream().mapToInt(v -> v == null ? Integer.MIN_VALUE : v).max().orElseThrow());

    PairDataset<String, Integer> sums = target == 0
        ? pairs(input, partitions).foldByKey(0, KeyedRows::sumOrZero)
        : pairs(input, partitions).foldByKey(0, KeyedRows::sumOrZero, target);
    PairDataset<String, Integer> maxima = target == 0
        ? pairs(input, partitions).foldByKey(Integer.MIN_VALUE, TestKeyedOperations::maxOfNullable)
        : pairs(input, partitions).foldByKey(Integer.MIN_VALUE, TestKeyedOperations::maxOfNullable, target);

    assertThat(sums.getNumPartitions()).isEqualTo(expectedPartitions(partitions, target));
    assertSameKeyedResult(sums.collect(), expectedSums);
    assertSameKeyedResult(maxima.collect(), expectedMaxima);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testAggregateByKeyGivesEveryKeyItsOwnCopyOfAMutableZero(long seed, int size, int partitions, int target) {
    List<Pair<String, Integer>> input = KeyedRows.skewedPairs(seed, size);
    List<Pair<String, List<Integer>>> expected = KeyedRows.aggregate(input, KeyedRows::sorted);

    PairDataset<String, ArrayList<Integer>> lists = target == 0
        ? pairs(input, partitions).aggregateByKey(new ArrayList<Integer>(), TestKeyedOperations::append,
            TestKeyedOperations::appendAll)
        : pairs(input, partitions).aggregateByKey(new ArrayList<Integer>(), TestKeyedOperations::append,
            TestKeyedOperations::appendAll, target);

    assertThat(lists.getNumPartitions()).isEqualTo(expectedPartitions(partitions, target));
    List<Pair<String, List<Integer>>> actual = new ArrayList<>();
    lists.collect().forEach(pair -> actual.add(Pair.of(pair.key(), KeyedRows.sorted(pair.value()))));
    assertSameKeyedResult(actual, expected);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testCombineByKeyCountsAndSumsEveryKey(long seed, int size, int partitions, int target) {
    List<Pair<String, Integer>> input = KeyedRows.skewedPairs(seed, size);
    List<Pair<String, Pair<Long, Long>>> expected = KeyedRows.aggregate(input,
        values -> Pair.of((long) values.size(), values.stream().mapToLong(KeyedRows::orZero).sum()));
    int into = expectedPartitions(partitions, target);

    PairDataset<String, Pair<Long, Long>> combined = pairs(input, partitions).combineByKey(
        value -> Pair.of(1L, (long) KeyedRows.orZero(value)),
        (accumulator, value) -> Pair.of(accumulator.key() + 1, accumulator.value() + KeyedRows.orZero(value)),
        (left, right) -> Pair.of(left.key() + right.key(), left.value() + right.value()),
        into);

    assertThat(combined.getNumPartitions()).isEqualTo(into);
    assertSameKeyedResult(combined.collect(), expected);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testGroupByKeyMatchesReferenceAsMultisets(long seed, int size, int partitions, int target) {
    List<Pair<String, Integer>> input = KeyedRows.skewedPairs(seed, size);
    List<Pair<String, List<Integer>>> expected = KeyedRows.aggregate(input, KeyedRows::sorted);

    PairDataset<String, List<Integer>> grouped = target == 0
        ? pairs(input, partitions).groupByKey()
        : pairs(input, partitions).groupByKey(target);

    assertThat(grouped.getNumPartitions()).isEqualTo(expectedPartitions(partitions, target));
    assertSameKeyedResult(KeyedRows.withSortedValues(grouped.collect()), expected);
  }

  @ParameterizedTest
  @MethodSource("inputCases")
  void testCountByKeyCountsNullKeysAndNullValues(long seed, int size, int partitions) {
    List<Pair<String, Integer>> input = KeyedRows.skewedPairs(seed, size);
    Map<String, Long> expected = new HashMap<>();
    input.forEach(pair -> expected.merge(pair.key(), 1L, Long::sum));

    Map<String, Long> actual = pairs(input, partitions).countByKey();

    assertThat(actual).isEqualTo(expected);
    if (size > 0) {
      assertThat(actual.get(KeyedRows.HOT)).isGreaterThan(size / 3L);
    }
  }

  @ParameterizedTest
  @MethodSource("inputCases")
  void testPerValueOperationsKeepKeysAndRowOrder(long seed, int size, int partitions) {
    List<Pair<String, Integer>> input = KeyedRows.skewedPairs(seed, size);
    PairDataset<String, Integer> pairs = pairs(input, partitions);

    List<Pair<String, String>> mapped = pairs.mapValues(v -> v == null ? null : "v" + v).collect();
    List<Pair<String, Integer>> expanded = pairs.flatMapValues(TestKeyedOperations::copies).collect();
    List<String> keys = pairs.keys().collect();
    List<Integer> values = pairs.values().collect();
    List<Pair<String, Integer>> filtered = pairs.filter(pair -> pair.value() != null && pair.value() > 0).collect();

    assertThat(mapped).containsExactlyElementsOf(input.stream()
        .map(pair -> Pair.of(pair.key(), pair.value() == null ? null : "v" + pair.value()))
        .collect(Collectors.toList()));
    List<Pair<String, Integer>> expectedExpanded = new ArrayList<>();
    for (Pair<String, Integer> pair : input) {
      copies(pair.value()).forEachRemaining(value -> expectedExpanded.add(Pair.of(pair.key(), value)));
    }
    assertThat(expanded).containsExactlyElementsOf(expectedExpanded);
    assertThat(keys).containsExactlyElementsOf(input.stream().map(Pair::key).collect(Collectors.toList()));
    assertThat(values).containsExactlyElementsOf(input.stream().map(Pair::value).collect(Collectors.toList()));
    assertThat(filtered).containsExactlyElementsOf(input.stream()
        .filter(pair -> pair.value() != null && pair.value() > 0)
        .collect(Collectors.toList()));
    assertThat(pairs.mapValues(v -> v).getNumPartitions()).isEqualTo(partitions);
  }

  @ParameterizedTest
  @MethodSource("inputCases")
  void testMapValuesAfterReduceByKeyKeepsTheReducedPartitions(long seed, int size, int partitions) {
    List<Pair<String, Integer>> input = KeyedRows.skewedPairs(seed, size);
    PairDataset<String, Integer> reduced = pairs(input, partitions).reduceByKey(KeyedRows::sumOrZero, 5);

    List<List<Pair<String, Integer>>> before = KeyedRows.partitions(reduced.asDataset());
    List<List<Pair<String, Long>>> after = KeyedRows.partitions(reduced.mapValues(v -> v == null ? -1L : v * 2L)
        .asDataset());

    assertThat(after).hasSize(5);
    for (int p = 0; p < 5; p++) {
      assertThat(after.get(p)).extracting(Pair::key).containsExactlyInAnyOrderElementsOf(
          before.get(p).stream().map(Pair::key).collect(Collectors.toList()));
    }
  }

  @ParameterizedTest
  @MethodSource("inputCases")
  void testGroupByKeyAndReduceByKeyOnRecordKeysWithNullComponents(long seed, int size, int partitions) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Pair<Word, Integer>> input = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      int kind = random.nextInt(10);
      Word key = kind < 5 ? new Word("hot", 3) : kind == 5 ? null : kind == 6 ? new Word(null, -1)
          : new Word("w" + random.nextInt(20), random.nextInt(3));
      input.add(Pair.of(key, random.nextInt(100)));
    }
    PairDataset<Word, Integer> pairs = sluice.parallelize(input, partitions).mapToPair(pair -> pair);

    assertSameKeyedResult(KeyedRows.withSortedValues(pairs.groupByKey(7).collect()),
        KeyedRows.aggregate(input, KeyedRows::sorted));
    assertSameKeyedResult(pairs.reduceByKey(Integer::sum).collect(),
        KeyedRows.aggregate(input, values -> values.stream().mapToInt(Integer::intValue).sum()));
  }

  @Test
  void testKeyedOperationsOnAnEmptyDatasetInEveryPartitionCount() {
    for (int partitions : new int[] {1, 200}) {
      PairDataset<String, Integer> empty = pairs(List.of(), partitions);

      assertThat(empty.reduceByKey(Integer::sum).collect()).isEmpty();
      assertThat(empty.groupByKey(1).collect()).isEmpty();
      assertThat(empty.foldByKey(0, Integer::sum, 200).collect()).isEmpty();
      assertThat(empty.countByKey()).isEmpty();
      assertThat(empty.collectAsMap()).isEmpty();
      assertThat(empty.reduceByKey(Integer::sum, 200).getNumPartitions()).isEqualTo(200);
    }
  }

  @Test
  void testReduceByKeyWhereEveryRowHasTheSameKeyOrANullKey() {
    List<Pair<String, Integer>> input = new ArrayList<>();
    IntStream.range(0, 3000).forEach(i -> input.add(Pair.of(i % 3 == 0 ? null : "only", i)));

    List<Pair<String, Integer>> actual = pairs(input, 200).reduceByKey(Integer::sum, 200).collect();

    int nullSum = IntStream.range(0, 3000).filter(i -> i % 3 == 0).sum();
    int onlySum = IntStream.range(0, 3000).filter(i -> i % 3 != 0).sum();
    assertThat(actual).containsExactlyInAnyOrder(Pair.of(null, nullSum), Pair.of("only", onlySum));
  }

  @Test
  void testGroupByKeyKeepsEveryDuplicateValue() {
    List<Pair<String, Integer>> input = new ArrayList<>(Collections.nCopies(500, Pair.of("a", 1)));
    input.addAll(Collections.nCopies(300, Pair.of((String) null, (Integer) null)));

    List<Pair<String, List<Integer>>> grouped = pairs(input, 3).groupByKey(200).collect();

    assertSameMultiset(KeyedRows.withSortedValues(grouped), List.of(
        Pair.of("a", Collections.nCopies(500, 1)),
        Pair.of(null, Collections.nCopies(300, (Integer) null))));
  }

  /** The values combined left to right with {@link KeyedRows#sumOrZero} (a lone null stays null). */
  private static Integer reduceLeft(List<Integer> values) {
    Integer result = values.get(0);
    for (int i = 1; i < values.size(); i++) {
      result = KeyedRows.sumOrZero(result, values.get(i));
    }
    return result;
  }

  private static Integer maxOfNullable(Integer left, Integer right) {
    return Math.max(left == null ? Integer.MIN_VALUE : left, right == null ? Integer.MIN_VALUE : right);
  }

  private static ArrayList<Integer> append(ArrayList<Integer> list, Integer value) {
    list.add(value);
    return list;
  }

  private static ArrayList<Integer> appendAll(ArrayList<Integer> left, ArrayList<Integer> right) {
    left.addAll(right);
    return left;
  }

  /** 0 to 2 copies of the value (null for a null value), so some pairs vanish and some double. */
  private static Iterator<Integer> copies(Integer value) {
    int count = value == null ? 1 : Math.floorMod(value, 3);
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(value);
    }
    return out.iterator();
  }
}
