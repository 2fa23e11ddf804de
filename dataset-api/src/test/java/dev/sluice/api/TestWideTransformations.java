package dev.sluice.api;

import static dev.sluice.api.KeyedRows.assertSameKeyedResult;
import static dev.sluice.api.KeyedRows.assertSameMultiset;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.SampleRows.Word;
import dev.sluice.engine.keyed.Pair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IntSummaryStatistics;
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
 * The partitioning transformations ({@link PairDataset#partitionBy}, {@link Dataset#repartition},
 * {@link Dataset#coalesce}) checked partition by partition, and {@link Dataset#distinct} and
 * {@link Dataset#groupBy} against {@code HashSet} and {@code HashMap} references, on random data with
 * nulls, in 1 and 200 partitions.
 */
class TestWideTransformations {
  private static Sluice sluice;

  @BeforeAll
  static void startSession() {
    sluice = KeyedRows.sessionBuilder("TestWideTransformations").getOrCreate();
  }

  @AfterAll
  static void closeSession() {
    sluice.close();
  }

  /** (seed, size, input partitions, target partitions). */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(7L, 3000, 1, 1),
        Arguments.of(8L, 3000, 1, 7),
        Arguments.of(9L, 3000, 3, 200),
        Arguments.of(10L, 401, 200, 1),
        Arguments.of(11L, 401, 200, 5),
        Arguments.of(12L, 0, 200, 3),
        Arguments.of(13L, 0, 1, 200));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testPartitionByPutsEqualKeysInTheirHashPartition(long seed, int size, int partitions, int target) {
    List<Pair<String, Integer>> input = KeyedRows.skewedPairs(seed, size);

    PairDataset<String, Integer> partitioned = sluice.parallelize(input, partitions).mapToPair(pair -> pair)
        .partitionBy(target);

    assertThat(partitioned.getNumPartitions()).isEqualTo(target);
    List<List<Pair<String, Integer>>> contents = KeyedRows.partitions(partitioned.asDataset());
    assertSameMultiset(contents.stream().flatMap(List::stream).collect(Collectors.toList()), input);
    KeyedRows.assertEqualKeysShareOnePartition(contents, row -> ((Pair<?, ?>) row).key());
    for (int p = 0; p < contents.size(); p++) {
      for (Pair<String, Integer> pair : contents.get(p)) {
        assertThat(Math.floorMod(Objects.hashCode(pair.key()), target)).as("partition of key %s", pair.key())
            .isEqualTo(p);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testRepartitionKeepsEveryRowAndBalancesPartitions(long seed, int size, int partitions, int target) {
    List<String> input = SampleRows.strings(seed, size, 0.1);

    Dataset<String> repartitioned = sluice.parallelize(input, partitions).repartition(target);

    assertThat(repartitioned.getNumPartitions()).isEqualTo(target);
    List<List<String>> contents = KeyedRows.partitions(repartitioned);
    assertSameMultiset(contents.stream().flatMap(List::stream).collect(Collectors.toList()), input);
    IntSummaryStatistics sizes = contents.stream().mapToInt(List::size).summaryStatistics();
    assertThat(sizes.getMax() - sizes.getMin())
        .as("largest minus smallest partition, with %d map tasks dealing rows", partitions)
        .isLessThanOrEqualTo(partitions);
    assertThat(repartitioned.explainString())
        .contains(target == 1 ? "Exchange[single]" : "Exchange[round-robin(" + target + ")]");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testCoalesceMergesNeighboursWithoutAShuffle(long seed, int size, int partitions, int target) {
    List<Integer> input = SampleRows.integers(seed, size, 0.1);
    Dataset<Integer> source = sluice.parallelize(input, partitions);

    Dataset<Integer> coalesced = source.coalesce(target);

    int expectedPartitions = Math.min(partitions, target);
    assertThat(coalesced.getNumPartitions()).isEqualTo(expectedPartitions);
    assertThat(coalesced.explainString()).doesNotContain("Exchange[");
    List<List<Integer>> before = KeyedRows.partitions(source);
    List<List<Integer>> after = KeyedRows.partitions(coalesced);
    assertThat(after.stream().flatMap(List::stream).collect(Collectors.toList()))
        .as("neighbours merged in order").containsExactlyElementsOf(input);
    assertThat(coalesced.collect()).containsExactlyElementsOf(input);
    int next = 0;
    for (List<Integer> merged : after) {
      List<Integer> expected = new ArrayList<>();
      while (expected.size() < merged.size() && next < before.size()) {
        expected.addAll(before.get(next++));
      }
      assertThat(merged).as("a run of whole input partitions").isEqualTo(expected);
    }
  }

  @Test
  void testCoalesceAfterReduceByKeyAddsNoShuffleOfItsOwn() {
    List<Pair<String, Integer>> input = KeyedRows.skewedPairs(17, 1000);
    PairDataset<String, Integer> reduced = sluice.parallelize(input, 4).mapToPair(pair -> pair)
        .reduceByKey(KeyedRows::sumOrZero, 12);

    Dataset<Pair<String, Integer>> coalesced = reduced.asDataset().coalesce(3);

    assertThat(coalesced.getNumPartitions()).isEqualTo(3);
    String explained = coalesced.explainString();
    String physical = explained.substring(explained.indexOf("== Physical Plan =="), explained.indexOf("== Stages =="));
    assertThat(physical.split("Exchange\\[", -1)).as("one exchange, the reduceByKey's").hasSize(2);
    assertThat(explained).contains("Coalesce[12 -> 3 partitions]");
    assertSameKeyedResult(coalesced.collect(), reduced.collect());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testDistinctOnStringsIntegersAndRecordsWithNulls(long seed, int size, int partitions, int target) {
    List<String> strings = SampleRows.strings(seed, size, 0.1).stream()
        .map(s -> s == null ? null : s.codePoints().limit(2)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString())
        .collect(Collectors.toList());
    List<Integer> integers = SampleRows.integers(seed, size, 0.1).stream()
        .map(i -> i == null ? null : i % 50)
        .collect(Collectors.toList());
    List<Word> words = strings.stream()
        .map(s -> s != null && s.length() == 1 ? null : new Word(s, s == null ? -1 : s.length()))
        .collect(Collectors.toList());

    Dataset<String> distinctStrings = sluice.parallelize(strings, partitions).distinct();
    Dataset<Integer> distinctIntegers = sluice.parallelize(integers, partitions).distinct(target);
    Dataset<Word> distinctWords = sluice.parallelize(words, partitions).distinct(target);

    assertThat(distinctStrings.getNumPartitions()).isEqualTo(partitions);
    assertThat(distinctIntegers.getNumPartitions()).isEqualTo(target);
    assertDistinct(distinctStrings.collect(), strings);
    assertDistinct(distinctIntegers.collect(), integers);
    assertDistinct(distinctWords.collect(), words);
  }

  @Test
  void testDistinctOnRecordsWithArrayComponentsAndKryoEncodedRows() {
    List<SampleRows.Trade> trades = new ArrayList<>(SampleRows.trades(23, 300));
    trades.addAll(SampleRows.trades(23, 150));
    trades.add(null);
    trades.add(null);
    List<SampleRows.Tagged> tagged = new ArrayList<>(SampleRows.tagged(29, 200));
    tagged.addAll(SampleRows.tagged(29, 200));

    assertDistinct(sluice.parallelize(trades, 4).distinct(9).collect(), trades);
    assertDistinct(sluice.parallelize(tagged, 200).distinct(3).collect(), tagged);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testGroupByOnRecordsWithNullGroupKeys(long seed, int size, int partitions, int target) {
    List<String> strings = SampleRows.strings(seed, size, 0.1);
    List<Word> words = strings.stream()
        .map(s -> new Word(s, s == null ? -1 : s.length()))
        .collect(Collectors.toList());

    PairDataset<Integer, List<Word>> grouped = sluice.parallelize(words, partitions)
        .groupBy(word -> word.text() == null ? null : word.length() % 4);

    assertThat(grouped.getNumPartitions()).isEqualTo(partitions);
    Map<Integer, List<Word>> expected = new HashMap<>();
    for (Word word : words) {
      expected.computeIfAbsent(word.text() == null ? null : word.length() % 4, k -> new ArrayList<>()).add(word);
    }
    List<Pair<Integer, List<Word>>> expectedPairs = new ArrayList<>();
    expected.forEach((key, values) -> expectedPairs.add(Pair.of(key, countsOf(values))));
    List<Pair<Integer, List<Word>>> actual = new ArrayList<>();
    grouped.collect().forEach(pair -> actual.add(Pair.of(pair.key(), countsOf(pair.value()))));
    assertSameKeyedResult(actual, expectedPairs);
  }

  @Test
  void testKeyByPairsEveryRowWithItsKey() {
    List<Word> words = SampleRows.strings(91, 500, 0.1).stream()
        .map(s -> new Word(s, s == null ? -1 : s.length()))
        .collect(Collectors.toList());

    List<Pair<Integer, Word>> keyed = sluice.parallelize(words, 3).keyBy(Word::length).collect();

    assertThat(keyed).containsExactlyElementsOf(words.stream()
        .map(word -> Pair.of(word.length(), word))
        .collect(Collectors.toList()));
  }

  /** The values as a list in a fixed order (by string form), so groups compare as multisets. */
  private static List<Word> countsOf(List<Word> values) {
    List<Word> copy = new ArrayList<>(values);
    copy.sort(Comparator.comparing(String::valueOf));
    return copy;
  }

  private static <T> void assertDistinct(List<T> actual, List<T> input) {
    assertThat(new HashSet<>(actual)).as("no duplicates in %s", actual).hasSize(actual.size());
    assertThat(actual).containsExactlyInAnyOrderElementsOf(new HashSet<>(input));
  }
}
