package dev.sluice.api;

import static dev.sluice.api.KeyedRows.assertSameMultiset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.api.KeyedRows.Item;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.keyed.Pair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Dataset#sortBy} and {@link PairDataset#sortByKey} against {@code List.sort}: a total order
 * across partitions (partition 0 smallest ascending, largest descending; checked partition by
 * partition), nulls first ascending and last descending, many ties (rows with equal keys stay in
 * one partition), skewed keys, empty inputs, and 1 and 200 input and output partitions.
 */
class TestSort {
  /** Ascending natural order with nulls first, as the sort documents. */
  private static final Comparator<Integer> ASCENDING = Comparator.nullsFirst(Comparator.naturalOrder());
  /** Descending with nulls last: the reverse of {@link #ASCENDING}. */
  private static final Comparator<Integer> DESCENDING = ASCENDING.reversed();

  private static Sluice sluice;

  @BeforeAll
  static void startSession() {
    sluice = KeyedRows.sessionBuilder("TestSort").getOrCreate();
  }

  @AfterAll
  static void closeSession() {
    sluice.close();
  }

  /** (seed, size, distinct keys, input partitions, output partitions, ascending). */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(7L, 3000, 50, 1, 1, true),
        Arguments.of(8L, 3000, 50, 1, 1, false),
        Arguments.of(9L, 3000, 1000, 1, 200, true),
        Arguments.of(10L, 3000, 1000, 4, 200, false),
        Arguments.of(11L, 401, 30, 200, 1, true),
        Arguments.of(12L, 401, 100_000, 200, 200, false),
        Arguments.of(13L, 2500, 5, 3, 8, true),
        Arguments.of(14L, 2500, 3, 3, 8, false),
        Arguments.of(15L, 0, 10, 1, 200, true),
        Arguments.of(16L, 0, 10, 200, 3, false));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testSortByGivesTotalOrderAcrossPartitionsWithNullsAndTies(long seed, int size, int distinctKeys,
      int inputPartitions, int outputPartitions, boolean ascending) {
    List<Item> input = KeyedRows.items(seed, size, distinctKeys, 0.05);

    Dataset<Item> sorted = sluice.parallelize(input, inputPartitions).sortBy(Item::key, ascending, outputPartitions);

    assertSortedByKey(input, sorted, outputPartitions, ascending, inputPartitions == 1);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testSortByKeyGivesTotalOrderAcrossPartitions(long seed, int size, int distinctKeys, int inputPartitions,
      int outputPartitions, boolean ascending) {
    List<Pair<Integer, Integer>> input = KeyedRows.items(seed, size, distinctKeys, 0.05).stream()
        .map(item -> Pair.of(item.key(), item.id()))
        .collect(Collectors.toList());

    PairDataset<Integer, Integer> sorted = sluice.parallelize(input, inputPartitions).mapToPair(pair -> pair)
        .sortByKey(ascending, outputPartitions);

    assertThat(sorted.getNumPartitions()).isEqualTo(outputPartitions);
    List<List<Pair<Integer, Integer>>> partitions = KeyedRows.partitions(sorted.asDataset());
    List<Pair<Integer, Integer>> flat = flatten(partitions);
    assertThat(flat).extracting(Pair::key)
        .containsExactlyElementsOf(sortedKeys(input.stream().map(Pair::key), ascending));
    assertSameMultiset(flat, input);
    KeyedRows.assertEqualKeysShareOnePartition(partitions, row -> ((Pair<?, ?>) row).key());
    assertThat(sorted.collect()).containsExactlyElementsOf(flat);
  }

  @Test
  void testSortByKeyWithDefaultsSortsAscendingIntoTheInputsPartitionCount() {
    List<Pair<String, Integer>> input = KeyedRows.skewedPairs(31, 2000);

    PairDataset<String, Integer> ascending = sluice.parallelize(input, 6).mapToPair(pair -> pair).sortByKey();
    PairDataset<String, Integer> descending = sluice.parallelize(input, 6).mapToPair(pair -> pair).sortByKey(false);

    Comparator<String> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
    assertThat(ascending.getNumPartitions()).isEqualTo(6);
    assertThat(ascending.collect()).extracting(Pair::key).containsExactlyElementsOf(
        input.stream().map(Pair::key).sorted(nullsFirst).collect(Collectors.toList()));
    assertThat(descending.collect()).extracting(Pair::key).containsExactlyElementsOf(
        input.stream().map(Pair::key).sorted(nullsFirst.reversed()).collect(Collectors.toList()));
  }

  @Test
  void testSortByOnSkewedKeysKeepsTheHotKeyInOnePartitionAndSpreadsTheRest() {
    List<Item> input = KeyedRows.skewedItems(41, 6000);

    Dataset<Item> sorted = sluice.parallelize(input, 4).sortBy(Item::key, true, 16);

    List<List<Item>> partitions = assertSortedByKey(input, sorted, 16, true, false);
    long nonEmpty = partitions.stream().filter(partition -> !partition.isEmpty()).count();
    assertThat(nonEmpty).as("non-empty partitions").isGreaterThan(8);
  }

  @Test
  void testSortByOfStringsDescendingWithDefaultPartitions() {
    List<String> input = SampleRows.strings(51, 1500, 0.1);
    Comparator<String> descending = Comparator.<String>nullsFirst(Comparator.naturalOrder()).reversed();

    Dataset<String> sorted = sluice.parallelize(input, 5).sortBy(s -> s, false);

    assertThat(sorted.getNumPartitions()).isEqualTo(5);
    List<List<String>> partitions = KeyedRows.partitions(sorted);
    assertThat(flatten(partitions)).containsExactlyElementsOf(
        input.stream().sorted(descending).collect(Collectors.toList()));
    KeyedRows.assertEqualKeysShareOnePartition(partitions, row -> row);
  }

  @Test
  void testSortWhereEveryKeyIsNullOrEqual() {
    List<Item> nulls = KeyedRows.items(61, 500, 1, 1.0);
    List<Item> equal = KeyedRows.items(62, 500, 1, 0.0);

    List<List<Item>> nullPartitions = KeyedRows.partitions(
        sluice.parallelize(nulls, 7).sortBy(Item::key, true, 5));
    List<List<Item>> equalPartitions = KeyedRows.partitions(
        sluice.parallelize(equal, 7).sortBy(Item::key, false, 5));

    assertSameMultiset(flatten(nullPartitions), nulls);
    assertSameMultiset(flatten(equalPartitions), equal);
    assertThat(nullPartitions.stream().filter(partition -> !partition.isEmpty())).hasSize(1);
    assertThat(equalPartitions.stream().filter(partition -> !partition.isEmpty())).hasSize(1);
  }

  @Test
  void testTakeAndFirstOfASortedDatasetAreTheSmallestRows() {
    List<Item> input = KeyedRows.items(75, 3000, 100_000, 0.0);
    List<Item> expected = input.stream()
        .sorted(Comparator.comparing(Item::key).reversed())
        .limit(25)
        .collect(Collectors.toList());

    Dataset<Item> sorted = sluice.parallelize(input, 5).sortBy(Item::key, false, 9);

    assertThat(sorted.take(25)).containsExactlyElementsOf(expected);
    assertThat(sorted.first()).isEqualTo(expected.get(0));
  }

  @Test
  void testSortByKeysThatAreNotMutuallyComparableFails() {
    List<Object> mixed = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      mixed.add(i % 2 == 0 ? (Object) i : "s" + i);
    }

    Throwable error = catchThrowable(
        () -> sluice.parallelize(mixed, 3).sortBy(row -> row, true, 4).collect());

    assertThat(error).isInstanceOf(EngineException.class);
    assertThat(Stream.iterate(error, Objects::nonNull, Throwable::getCause).map(Throwable::getMessage))
        .anySatisfy(message -> assertThat(message).contains("mutually Comparable"));
  }

  @Test
  void testSortOfASortByAnotherKey() {
    List<Item> input = KeyedRows.items(71, 2000, 40, 0.0);

    List<Item> actual = sluice.parallelize(input, 3)
        .sortBy(Item::key, true, 4)
        .sortBy(Item::id, false, 6)
        .collect();

    assertThat(actual).containsExactlyElementsOf(input.stream()
        .sorted(Comparator.comparingInt(Item::id).reversed())
        .collect(Collectors.toList()));
  }

  @Test
  void testChainedShufflesReduceByKeyThenSortByThenJoin() {
    List<Pair<String, Integer>> input = KeyedRows.skewedPairs(81, 3000);
    List<Pair<String, String>> labels = KeyedRows.skewedStringPairs(82, 400);
    Map<String, List<Integer>> groups = KeyedRows.group(input);
    Map<String, List<String>> labelGroups = KeyedRows.group(labels);

    PairDataset<String, Integer> sums = sluice.parallelize(input, 4).mapToPair(pair -> pair)
        .mapValues(KeyedRows::orZero)
        .reduceByKey(Integer::sum, 6);
    PairDataset<String, Integer> bySum = sums.asDataset()
        .sortBy(Pair::value, false, 5)
        .mapToPair(pair -> pair);
    PairDataset<String, Pair<Integer, String>> joined = bySum.join(
        sluice.parallelize(labels, 3).mapToPair(pair -> pair), 7);

    List<Pair<String, Integer>> sortedSums = bySum.collect();
    assertThat(sortedSums).extracting(Pair::value).isSortedAccordingTo(Comparator.reverseOrder());
    List<Pair<String, Pair<Integer, String>>> expected = new ArrayList<>();
    groups.forEach((key, values) -> {
      int sum = values.stream().mapToInt(KeyedRows::orZero).sum();
      for (String label : labelGroups.getOrDefault(key, List.of())) {
        expected.add(Pair.of(key, Pair.of(sum, label)));
      }
    });
    assertSameMultiset(joined.collect(), expected);
  }

  /**
   * Checks a sorted dataset partition by partition: the partition count, the keys in order
   * across partitions, the same rows as the input, equal keys in one partition and, for a single
   * input partition, stability (ties in input order). Returns the partitions.
   */
  private static List<List<Item>> assertSortedByKey(List<Item> input, Dataset<Item> sorted, int partitions,
      boolean ascending, boolean stable) {
    assertThat(sorted.getNumPartitions()).isEqualTo(partitions);
    List<List<Item>> contents = KeyedRows.partitions(sorted);
    List<Item> flat = flatten(contents);
    assertThat(flat).extracting(Item::key)
        .containsExactlyElementsOf(sortedKeys(input.stream().map(Item::key), ascending));
    assertSameMultiset(flat, input);
    KeyedRows.assertEqualKeysShareOnePartition(contents, row -> ((Item) row).key());
    if (stable) {
      List<Item> expected = new ArrayList<>(input);
      expected.sort(Comparator.comparing(Item::key, ascending ? ASCENDING : DESCENDING));
      assertThat(flat).as("ties keep the order of a single input partition").containsExactlyElementsOf(expected);
    }
    assertThat(sorted.collect()).containsExactlyElementsOf(flat);
    return contents;
  }

  private static List<Integer> sortedKeys(Stream<Integer> keys, boolean ascending) {
    return keys.sorted(ascending ? ASCENDING : DESCENDING).collect(Collectors.toList());
  }

  private static <T> List<T> flatten(List<List<T>> partitions) {
    return partitions.stream().flatMap(List::stream).collect(Collectors.toList());
  }
}
