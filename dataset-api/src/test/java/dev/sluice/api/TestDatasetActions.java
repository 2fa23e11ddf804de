package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every action of {@link Dataset} and {@link LongDataset} against a plain-Java computation over the
 * same input: random data of several seeds in 1, 3 and 200 partitions, empty datasets, and ranges
 * at the ends of {@code long}. Local mode runs tasks in this process, so {@code foreach} side
 * effects land in this class's static collectors.
 */
class TestDatasetActions {
  private static final LongAdder FOREACH_SUM = new LongAdder();
  private static final LongAdder FOREACH_CALLS = new LongAdder();
  private static final ConcurrentLinkedQueue<String> FOREACH_SEEN = new ConcurrentLinkedQueue<>();

  private static Sluice sluice;

  @BeforeAll
  static void startSession() {
    sluice = Sluice.builder().master("local[2]").appName("TestDatasetActions").getOrCreate();
  }

  @AfterAll
  static void closeSession() {
    sluice.close();
  }

  /** (seed, size, partitions): sizes above one batch, a few hundred, and fewer rows than partitions. */
  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    long[][] seedsAndSizes = {{3, 6000}, {99, 400}, {2718, 17}};
    for (long[] seedAndSize : seedsAndSizes) {
      for (int partitions : new int[] {1, 3, 200}) {
        cases.add(Arguments.of(seedAndSize[0], (int) seedAndSize[1], partitions));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testCollectReturnsTheInputInOrderAndCountItsSize(long seed, int size, int partitions) {
    List<String> input = SampleRows.strings(seed, size, 0.1);
    Dataset<String> dataset = sluice.parallelize(input, partitions);

    assertThat(dataset.getNumPartitions()).isEqualTo(partitions);
    assertThat(dataset.collect()).containsExactlyElementsOf(input);
    assertThat(dataset.count()).isEqualTo(size);
    assertThat(dataset.filter(Objects::isNull).count()).isEqualTo(input.stream().filter(Objects::isNull).count());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testReduceMatchesStreamReduceAndCombinesPartitionsInOrder(long seed, int size, int partitions) {
    List<Long> longs = SampleRows.longs(seed, size);
    List<String> strings = SampleRows.strings(seed, size, 0.0);

    long sum = sluice.parallelize(longs, partitions).reduce(Long::sum);
    long max = sluice.parallelize(longs, partitions).reduce(Math::max);
    String concatenation = sluice.parallelize(strings, partitions).reduce((a, b) -> a + "|" + b);

    assertThat(sum).isEqualTo(longs.stream().reduce(Long::sum).orElseThrow());
    assertThat(max).isEqualTo(longs.stream().reduce(Math::max).orElseThrow());
    assertThat(concatenation).isEqualTo(String.join("|", strings));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 200})
  void testReduceOfAnEmptyDatasetFailsWithEmptyDataset(int partitions) {
    Dataset<Integer> empty = sluice.parallelize(List.of(), partitions);
    Dataset<Integer> emptiedByFilter = sluice.parallelize(List.of(1, 2, 3), partitions).filter(x -> x > 3);

    assertThatThrownBy(() -> empty.reduce(Integer::sum))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EMPTY_DATASET));
    assertThatThrownBy(() -> emptiedByFilter.reduce(Integer::sum))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EMPTY_DATASET));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 200})
  void testReduceOfOneElementAmongEmptyPartitionsReturnsIt(int partitions) {
    assertThat(sluice.parallelize(List.of("only"), partitions).reduce((a, b) -> a + b)).isEqualTo("only");
    assertThat(sluice.parallelize(List.of(5, 6), partitions).reduce((a, b) -> a * 10 + b)).isEqualTo(56);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testFoldWithANeutralZeroIsTheSum(long seed, int size, int partitions) {
    List<Integer> input = SampleRows.integers(seed, size, 0.0);

    int folded = sluice.parallelize(input, partitions).fold(0, Integer::sum);

    assertThat(folded).isEqualTo(input.stream().reduce(0, Integer::sum));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 200})
  void testFoldStartsEveryPartitionAndTheDriverFromZeroLikeSpark(int partitions) {
    List<Integer> input = SampleRows.integers(8, 50, 0.0);
    int sum = input.stream().mapToInt(x -> x).sum();

    int folded = sluice.parallelize(input, partitions).fold(1, Integer::sum);
    int foldedEmpty = sluice.parallelize(List.<Integer>of(), partitions).fold(1, Integer::sum);

    assertThat(folded).isEqualTo(sum + partitions + 1);
    assertThat(foldedEmpty).isEqualTo(partitions + 1);
    assertThat(sluice.parallelize(List.<Integer>of(), partitions).fold(0, Integer::sum)).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 200})
  void testFoldGivesEachPartitionItsOwnCopyOfAMutableZero(int partitions) {
    List<int[]> input = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      input.add(new int[] {i});
    }
    int[] zero = new int[1];

    int[] folded = sluice.parallelize(input, partitions).fold(zero, (a, b) -> {
      a[0] += b[0];
      return a;
    });

    assertThat(folded).containsExactly(40 * 41 / 2);
    assertThat(zero).containsExactly(0);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testTakeReturnsTheFirstRows(long seed, int size, int partitions) {
    List<Integer> input = SampleRows.integers(seed, size, 0.1);
    Dataset<Integer> dataset = sluice.parallelize(input, partitions);

    for (int count : new int[] {0, 1, 2, size / 2, size, size + 1, size * 3 + 5}) {
      assertThat(dataset.take(count)).as("take(%d)", count)
          .containsExactlyElementsOf(input.stream().limit(count).collect(Collectors.toList()));
    }
    assertThatThrownBy(() -> dataset.take(-1))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 200})
  void testFirstReturnsTheFirstRowEvenAfterEmptyPartitions(int partitions) {
    List<String> input = Arrays.asList(null, "b", "c");

    assertThat(sluice.parallelize(List.of("last"), partitions).first()).isEqualTo("last");
    assertThat(sluice.parallelize(input, partitions).filter(Objects::nonNull).first()).isEqualTo("b");
    assertThat(sluice.parallelize(input, partitions).first()).isNull();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 200})
  void testFirstOfAnEmptyDatasetThrowsNoSuchElement(int partitions) {
    Dataset<String> empty = sluice.parallelize(List.of(), partitions);

    assertThatThrownBy(empty::first).isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> sluice.parallelize(List.of("x"), partitions).filter(s -> false).first())
        .isInstanceOf(NoSuchElementException.class);
    assertThat(empty.take(3)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testForeachCallsTheFunctionOnceForEveryRow(long seed, int size, int partitions) {
    List<String> input = SampleRows.strings(seed, size, 0.1);
    FOREACH_SUM.reset();
    FOREACH_CALLS.reset();
    FOREACH_SEEN.clear();

    sluice.parallelize(input, partitions).foreach(s -> {
      FOREACH_CALLS.increment();
      FOREACH_SUM.add(s == null ? 1000 : s.length());
      FOREACH_SEEN.add(String.valueOf(s));
    });

    assertThat(FOREACH_CALLS.sum()).isEqualTo(size);
    assertThat(FOREACH_SUM.sum()).isEqualTo(input.stream().mapToLong(s -> s == null ? 1000 : s.length()).sum());
    assertThat(FOREACH_SEEN).containsExactlyInAnyOrderElementsOf(
        input.stream().map(String::valueOf).collect(Collectors.toList()));
  }

  @Test
  void testForeachOnAnEmptyDatasetCallsNothing() {
    FOREACH_CALLS.reset();

    sluice.parallelize(List.<Integer>of(), 3).foreach(x -> FOREACH_CALLS.increment());
    sluice.range(0, 0).boxed().foreach(x -> FOREACH_CALLS.increment());

    assertThat(FOREACH_CALLS.sum()).isZero();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testMapToLongFromStringsThenSumReduceAndCollect(long seed, int size, int partitions) {
    List<String> input = SampleRows.strings(seed, size, 0.1);
    long[] expected = input.stream().mapToLong(s -> s == null ? -1 : s.codePointCount(0, s.length())).toArray();

    LongDataset lengths = sluice.parallelize(input, partitions)
        .mapToLong(s -> s == null ? -1 : s.codePointCount(0, s.length()));

    assertThat(lengths.collect()).containsExactly(expected);
    assertThat(lengths.sum()).isEqualTo(LongStream.of(expected).sum());
    assertThat(lengths.count()).isEqualTo(expected.length);
    assertThat(lengths.max()).isEqualTo(LongStream.of(expected).max().orElseThrow());
    assertThat(lengths.filter(x -> x > 2).map(x -> x * x).collect())
        .containsExactly(LongStream.of(expected).filter(x -> x > 2).map(x -> x * x).toArray());
  }

  /** (start, end, step, partitions) of ranges, including empty, negative steps and the ends of long. */
  static Stream<Arguments> ranges() {
    List<Arguments> ranges = new ArrayList<>();
    long[][] bounds = {
        {0, 1000, 1}, {0, 1000, 7}, {-500, 501, 3}, {1000, 0, -1}, {10, -11, -4}, {5, 5, 1}, {5, 5, -1},
        {10, 0, 1}, {0, 10, -1}, {0, 1, 1}, {-3, 70_000, 1},
        {Long.MAX_VALUE - 10, Long.MAX_VALUE, 1}, {Long.MAX_VALUE - 100, Long.MAX_VALUE, 7},
        {Long.MIN_VALUE, Long.MIN_VALUE + 10, 1}, {Long.MIN_VALUE + 10, Long.MIN_VALUE, -3},
        {Long.MAX_VALUE, Long.MAX_VALUE - 5, -1}, {Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE / 3},
        {Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE / 5}};
    for (long[] b : bounds) {
      for (int partitions : new int[] {1, 3, 200}) {
        ranges.add(Arguments.of(b[0], b[1], b[2], partitions));
      }
    }
    return ranges.stream();
  }

  @ParameterizedTest
  @MethodSource("ranges")
  void testRangeMatchesALoopForCollectCountSumMinMaxAndReduce(long start, long end, long step, int partitions) {
    long[] expected = rangeByLoop(start, end, step);

    LongDataset range = sluice.range(start, end, step, partitions);

    assertThat(range.getNumPartitions()).isEqualTo(partitions);
    assertThat(range.collect()).containsExactly(expected);
    assertThat(range.count()).isEqualTo(expected.length);
    assertThat(range.sum()).isEqualTo(LongStream.of(expected).sum());
    assertThat(range.boxed().collect()).containsExactlyElementsOf(LongStream.of(expected).boxed().toList());
    if (expected.length == 0) {
      assertThatThrownBy(range::min).isInstanceOfSatisfying(EngineException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.EMPTY_DATASET));
      assertThatThrownBy(() -> range.reduce(Long::sum)).isInstanceOfSatisfying(EngineException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.EMPTY_DATASET));
      assertThatThrownBy(range::first).isInstanceOf(NoSuchElementException.class);
    } else {
      assertThat(range.min()).isEqualTo(LongStream.of(expected).min().orElseThrow());
      assertThat(range.max()).isEqualTo(LongStream.of(expected).max().orElseThrow());
      assertThat(range.reduce((a, b) -> a ^ b)).isEqualTo(LongStream.of(expected).reduce((a, b) -> a ^ b).orElseThrow());
      assertThat(range.reduce((a, b) -> a * b)).isEqualTo(LongStream.of(expected).reduce((a, b) -> a * b).orElseThrow());
      assertThat(range.reduce((a, b) -> b)).isEqualTo(expected[expected.length - 1]);
      assertThat(range.reduce((a, b) -> a)).isEqualTo(expected[0]);
      assertThat(range.first()).isEqualTo(expected[0]);
    }
  }

  @ParameterizedTest
  @MethodSource("ranges")
  void testRangeTakeMapFilterAndMapToObjMatchLongStream(long start, long end, long step, int partitions) {
    long[] expected = rangeByLoop(start, end, step);
    LongDataset range = sluice.range(start, end, step, partitions);

    for (int count : new int[] {0, 1, 5, expected.length, expected.length + 3}) {
      assertThat(range.take(count)).as("take(%d)", count).containsExactly(LongStream.of(expected).limit(count)
          .toArray());
      assertThat(range.limit(count).sum()).as("limit(%d).sum()", count).isEqualTo(LongStream.of(expected)
          .limit(count).sum());
    }
    assertThat(range.map(x -> x * 3 + 1).filter(x -> (x & 1) == 0).map(x -> x >> 1).collect())
        .containsExactly(LongStream.of(expected).map(x -> x * 3 + 1).filter(x -> (x & 1) == 0).map(x -> x >> 1)
            .toArray());
    assertThat(range.mapToObj(x -> "#" + x).collect())
        .containsExactlyElementsOf(LongStream.of(expected).mapToObj(x -> "#" + x).toList());
    assertThat(range.filter(x -> x % 3 == 0).mapToObj(x -> x % 2 == 0 ? null : x).collect())
        .containsExactlyElementsOf(LongStream.of(expected).filter(x -> x % 3 == 0)
            .mapToObj(x -> x % 2 == 0 ? null : x).collect(Collectors.toList()));
  }

  @Test
  void testSumWrapsOnOverflowLikeJava() {
    LongDataset huge = sluice.range(Long.MAX_VALUE - 10, Long.MAX_VALUE, 1, 3);
    long expected = 0;
    for (long value = Long.MAX_VALUE - 10; value < Long.MAX_VALUE; value++) {
      expected += value;
    }

    assertThat(huge.sum()).isEqualTo(expected);
    assertThat(huge.map(x -> x * 2).sum()).isEqualTo(LongStream.of(rangeByLoop(Long.MAX_VALUE - 10, Long.MAX_VALUE, 1))
        .map(x -> x * 2).sum());
    assertThat(sluice.parallelize(List.of(Long.MAX_VALUE, 1L, Long.MAX_VALUE), 2).mapToLong(x -> x).sum())
        .isEqualTo(Long.MAX_VALUE + 1L + Long.MAX_VALUE);
  }

  @Test
  void testRangeWithTheDefaultParallelismAndOneStep() {
    LongDataset range = sluice.range(-7, 20_000);

    assertThat(range.getNumPartitions()).isEqualTo(sluice.defaultParallelism());
    assertThat(range.collect()).containsExactly(LongStream.range(-7, 20_000).toArray());
    assertThat(sluice.range(3, 30, 4).collect()).containsExactly(3, 7, 11, 15, 19, 23, 27);
  }

  @Test
  void testRangeWithStepZeroOrNoPartitionsIsRejected() {
    assertThatThrownBy(() -> sluice.range(0, 10, 0))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThatThrownBy(() -> sluice.range(0, 10, 1, 0))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void testLongDatasetUnionAndBoxedActions() {
    LongDataset left = sluice.range(0, 10, 1, 3);
    LongDataset right = sluice.range(100, 90, -2, 2);
    long[] expected = LongStream.concat(LongStream.range(0, 10), LongStream.of(100, 98, 96, 94, 92)).toArray();

    LongDataset union = left.union(right);

    assertThat(union.getNumPartitions()).isEqualTo(5);
    assertThat(union.collect()).containsExactly(expected);
    assertThat(union.sum()).isEqualTo(LongStream.of(expected).sum());
    assertThat(union.boxed().map(x -> x + 1).reduce(Long::sum)).isEqualTo(LongStream.of(expected).map(x -> x + 1)
        .sum());
    assertThat(union.boxed().fold(0L, Long::sum)).isEqualTo(LongStream.of(expected).sum());
    assertThat(union.take(12)).containsExactly(LongStream.of(expected).limit(12).toArray());
  }

  private static long[] rangeByLoop(long start, long end, long step) {
    List<Long> values = new ArrayList<>();
    long value = start;
    while (step > 0 ? value < end : value > end) {
      values.add(value);
      try {
        value = Math.addExact(value, step);
      } catch (ArithmeticException overflow) {
        break;
      }
    }
    return values.stream().mapToLong(Long::longValue).toArray();
  }
}
