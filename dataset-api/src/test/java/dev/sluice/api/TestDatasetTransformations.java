package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.SampleRows.Account;
import dev.sluice.api.SampleRows.Point;
import dev.sluice.api.SampleRows.Tagged;
import dev.sluice.api.SampleRows.Trade;
import dev.sluice.api.SampleRows.Word;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every transformation of {@link Dataset} against the same computation with {@code java.util.stream}
 * over the same list: random data of several seeds and sizes (one above the 4096-row batch size),
 * in 1, 3 and 200 partitions (so some partitions are empty), for boxed numbers, strings with nulls
 * and unicode, a record, a bean and a Kryo-encoded class. The session's close checks for leaked
 * Arrow memory.
 */
class TestDatasetTransformations {
  private static Sluice sluice;

  @BeforeAll
  static void startSession() {
    sluice = Sluice.builder().master("local[2]").appName("TestDatasetTransformations").getOrCreate();
  }

  @AfterAll
  static void closeSession() {
    sluice.close();
  }

  /** (seed, size, partitions): sizes above one batch, a few hundred, and fewer rows than partitions. */
  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    long[][] seedsAndSizes = {{7, 5000}, {42, 257}, {1234, 31}};
    for (long[] seedAndSize : seedsAndSizes) {
      for (int partitions : new int[] {1, 3, 200}) {
        cases.add(Arguments.of(seedAndSize[0], (int) seedAndSize[1], partitions));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testMapOnIntegersWithNullsMatchesStreamMap(long seed, int size, int partitions) {
    List<Integer> input = SampleRows.integers(seed, size, 0.1);
    List<Integer> expected = input.stream().map(x -> x == null ? null : x * 3 + 1).collect(Collectors.toList());

    List<Integer> actual = sluice.parallelize(input, partitions).map(x -> x == null ? null : x * 3 + 1).collect();

    assertThat(actual).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testMapChangesIntegerToString(long seed, int size, int partitions) {
    List<Integer> input = SampleRows.integers(seed, size, 0.1);
    List<String> expected = input.stream().map(x -> "n" + x).collect(Collectors.toList());

    List<String> actual = sluice.parallelize(input, partitions).map(x -> "n" + x).collect();

    assertThat(actual).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testMapChangesStringToRecord(long seed, int size, int partitions) {
    List<String> input = SampleRows.strings(seed, size, 0.1);
    List<Word> expected = input.stream()
        .map(s -> new Word(s, s == null ? -1 : s.length()))
        .collect(Collectors.toList());

    List<Word> actual = sluice.parallelize(input, partitions)
        .map(s -> new Word(s, s == null ? -1 : s.length()))
        .collect();

    assertThat(actual).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testMapReturningNullKeepsNullRowsForStringsAndRecords(long seed, int size, int partitions) {
    List<Integer> input = SampleRows.integers(seed, size, 0.0);

    List<String> strings = sluice.parallelize(input, partitions).map(x -> x % 3 == 0 ? null : "s" + x).collect();
    List<Word> words = sluice.parallelize(input, partitions)
        .map(x -> x % 2 == 0 ? null : new Word("w" + x, x))
        .collect();
    List<Object> allNull = sluice.parallelize(input, partitions).map(x -> (Object) null).collect();

    assertThat(strings).containsExactlyElementsOf(
        input.stream().map(x -> x % 3 == 0 ? null : "s" + x).collect(Collectors.toList()));
    assertThat(words).containsExactlyElementsOf(
        input.stream().map(x -> x % 2 == 0 ? null : new Word("w" + x, x)).collect(Collectors.toList()));
    assertThat(allNull).hasSize(size).containsOnlyNulls();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testFlatMapOnStringsMatchesStreamFlatMap(long seed, int size, int partitions) {
    List<String> input = SampleRows.strings(seed, size, 0.1);
    List<String> expected = input.stream().flatMap(s -> codePoints(s).stream()).collect(Collectors.toList());

    List<String> actual = sluice.parallelize(input, partitions)
        .flatMap(s -> codePoints(s).iterator(), String.class)
        .collect();
    List<String> untyped = sluice.parallelize(input, partitions).flatMap(s -> codePoints(s).iterator()).collect();

    assertThat(actual).containsExactlyElementsOf(expected);
    assertThat(untyped).containsExactlyElementsOf(expected);
  }

  @Test
  void testFlatMapProducingManyRowsPerRowCrossesBatchBoundaries() {
    List<Integer> input = List.of(3, 0, 5000, 1, 0, 9000, 2);
    List<Integer> expected = input.stream()
        .flatMap(n -> IntStream.range(0, n).boxed())
        .collect(Collectors.toList());

    for (int partitions : new int[] {1, 3, 200}) {
      List<Integer> actual = sluice.parallelize(input, partitions)
          .flatMap(n -> IntStream.range(0, n).iterator(), Integer.class)
          .collect();

      assertThat(actual).as("%d partitions", partitions).containsExactlyElementsOf(expected);
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testFilterOnStringsWithNullsAndUnicodeMatchesStreamFilter(long seed, int size, int partitions) {
    List<String> input = SampleRows.strings(seed, size, 0.15);
    List<String> expected = input.stream()
        .filter(s -> s == null || s.codePoints().anyMatch(c -> c > 127))
        .collect(Collectors.toList());

    List<String> actual = sluice.parallelize(input, partitions)
        .filter(s -> s == null || s.codePoints().anyMatch(c -> c > 127))
        .collect();

    assertThat(actual).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testMapPartitionsSeesEachSliceOnceInPartitionOrder(long seed, int size, int partitions) {
    List<Integer> input = SampleRows.integers(seed, size, 0.1);
    List<String> expected = SampleRows.slices(input, partitions).stream()
        .map(slice -> slice.size() + ":" + slice.stream().filter(Objects::nonNull).mapToLong(x -> x).sum())
        .collect(Collectors.toList());

    List<String> actual = sluice.parallelize(input, partitions)
        .mapPartitions(TestDatasetTransformations::describePartition, String.class)
        .collect();

    assertThat(actual).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testMapPartitionsStreamsARunningSumPerPartition(long seed, int size, int partitions) {
    List<Long> input = SampleRows.longs(seed, size);
    List<Long> expected = new ArrayList<>();
    for (List<Long> slice : SampleRows.slices(input, partitions)) {
      long sum = 0;
      for (long value : slice) {
        sum += value;
        expected.add(sum);
      }
    }

    List<Long> actual = sluice.parallelize(input, partitions)
        .mapPartitions(TestDatasetTransformations::runningSum)
        .collect();

    assertThat(actual).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testUnionOfDatasetsWithDifferentPartitionCountsKeepsEachInputsOrder(long seed, int size, int partitions) {
    List<String> left = SampleRows.strings(seed, size, 0.1);
    List<String> right = SampleRows.strings(seed + 1, size / 2 + 3, 0.1);
    List<String> expected = new ArrayList<>(left);
    expected.addAll(right);

    Dataset<String> union = sluice.parallelize(left, partitions).union(sluice.parallelize(right, 7));

    assertThat(union.getNumPartitions()).isEqualTo(partitions + 7);
    assertThat(union.collect()).containsExactlyElementsOf(expected);
    assertThat(union.count()).isEqualTo(expected.size());
  }

  @Test
  void testUnionOfThreeDatasetsIncludingAnEmptyOneAndWithItself() {
    List<Integer> a = SampleRows.integers(1, 100, 0.1);
    List<Integer> b = List.of();
    List<Integer> c = SampleRows.integers(2, 5, 0.1);
    Dataset<Integer> first = sluice.parallelize(a, 3);
    List<Integer> expected = new ArrayList<>(a);
    expected.addAll(b);
    expected.addAll(c);

    Dataset<Integer> chained = first.union(sluice.parallelize(b, 2)).union(sluice.parallelize(c, 200));
    Dataset<Integer> nested = first.union(sluice.parallelize(b, 2).union(sluice.parallelize(c, 200)));
    Dataset<Integer> withItself = first.union(first);

    assertThat(chained.getNumPartitions()).isEqualTo(205);
    assertThat(chained.collect()).containsExactlyElementsOf(expected);
    assertThat(nested.collect()).containsExactlyElementsOf(expected);
    List<Integer> twice = new ArrayList<>(a);
    twice.addAll(a);
    assertThat(withItself.collect()).containsExactlyElementsOf(twice);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testLimitTakesTheFirstRowsInPartitionOrder(long seed, int size, int partitions) {
    List<Integer> input = SampleRows.integers(seed, size, 0.1);
    Dataset<Integer> dataset = sluice.parallelize(input, partitions);

    for (long count : new long[] {0, 1, size / 2, size - 1, size, size + 1, 10L * size + 10}) {
      List<Integer> expected = input.stream().limit(count).collect(Collectors.toList());

      assertThat(dataset.limit(count).collect()).as("limit(%d)", count).containsExactlyElementsOf(expected);
      assertThat(dataset.limit(count).count()).as("limit(%d).count()", count).isEqualTo(expected.size());
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testLimitAfterFilterAndTransformationsAfterLimit(long seed, int size, int partitions) {
    List<Integer> input = SampleRows.integers(seed, size, 0.1);
    Dataset<Integer> dataset = sluice.parallelize(input, partitions);

    for (long count : new long[] {0, 3, size / 4, size}) {
      List<Integer> expected = input.stream()
          .filter(x -> x != null && x % 2 != 0)
          .limit(count)
          .map(x -> x - 1)
          .collect(Collectors.toList());

      List<Integer> actual = dataset.filter(x -> x != null && x % 2 != 0).limit(count).map(x -> x - 1).collect();

      assertThat(actual).as("limit(%d)", count).containsExactlyElementsOf(expected);
    }
    assertThat(dataset.limit(size / 2).limit(size / 3).collect())
        .containsExactlyElementsOf(input.stream().limit(size / 3).collect(Collectors.toList()));
    assertThat(dataset.limit(size / 3).limit(size / 2).collect())
        .containsExactlyElementsOf(input.stream().limit(size / 3).collect(Collectors.toList()));
  }

  @Test
  void testLimitOfAUnionTakesRowsAcrossItsInputsInOrder() {
    List<Integer> left = SampleRows.integers(5, 10, 0.0);
    List<Integer> right = SampleRows.integers(6, 10, 0.0);
    Dataset<Integer> union = sluice.parallelize(left, 3).union(sluice.parallelize(right, 4));
    List<Integer> all = new ArrayList<>(left);
    all.addAll(right);

    for (int count : new int[] {0, 5, 10, 15, 20, 25}) {
      assertThat(union.limit(count).collect()).as("limit(%d)", count)
          .containsExactlyElementsOf(all.stream().limit(count).collect(Collectors.toList()));
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testFusedChainMapFilterFlatMapMapMatchesStream(long seed, int size, int partitions) {
    List<Long> input = SampleRows.longs(seed, size);
    List<String> expected = input.stream()
        .map(x -> x / 1000)
        .filter(x -> x % 3 != 0)
        .flatMap(x -> Stream.of(x, -x).limit(Math.floorMod(x, 3)))
        .map(x -> "v" + x)
        .collect(Collectors.toList());

    Dataset<String> chain = sluice.parallelize(input, partitions)
        .map(x -> x / 1000)
        .filter(x -> x % 3 != 0)
        .flatMap(x -> Stream.of(x, -x).limit(Math.floorMod(x, 3)).iterator(), Long.class)
        .map(x -> "v" + x);

    assertThat(chain.collect()).containsExactlyElementsOf(expected);
    assertThat(chain.count()).isEqualTo(expected.size());
    assertThat(chain.explainString()).contains("RowPipeline[map", "filter", "flatMap");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testDoublesKeepEveryBitThroughMapAndFilter(long seed, int size, int partitions) {
    List<Double> input = new ArrayList<>();
    for (Long value : SampleRows.longs(seed, size)) {
      input.add(value % 7 == 0 ? null : Double.longBitsToDouble(value));
    }
    input.addAll(Arrays.asList(Double.NaN, -0.0, 0.0, Double.MIN_VALUE, Double.MAX_VALUE,
        Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, null));

    List<Double> collected = sluice.parallelize(input, partitions).collect();
    List<Double> mapped = sluice.parallelize(input, partitions)
        .filter(x -> x == null || !x.isNaN())
        .map(x -> x == null ? null : x / 2)
        .collect();

    assertThat(collected).containsExactlyElementsOf(input);
    assertThat(mapped).containsExactlyElementsOf(input.stream()
        .filter(x -> x == null || !x.isNaN())
        .map(x -> x == null ? null : x / 2)
        .collect(Collectors.toList()));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testRecordsWithNullableStringDateDecimalAndBytesRoundTripAndMap(long seed, int size, int partitions) {
    List<Trade> input = SampleRows.trades(seed, size);
    List<Trade> expected = input.stream().map(TestDatasetTransformations::adjust).collect(Collectors.toList());

    List<Trade> collected = sluice.parallelize(input, partitions).collect();
    List<Trade> mapped = sluice.parallelize(input, partitions).map(TestDatasetTransformations::adjust).collect();
    List<Trade> filtered = sluice.parallelize(input, partitions).filter(t -> t.note() != null).collect();

    assertThat(collected).containsExactlyElementsOf(input);
    assertThat(mapped).containsExactlyElementsOf(expected);
    assertThat(filtered).containsExactlyElementsOf(
        input.stream().filter(t -> t.note() != null).collect(Collectors.toList()));
  }

  @Test
  void testDecimalsOfDifferentScalesInOneBatchKeepTheirScale() {
    List<BigDecimal> input = Arrays.asList(new BigDecimal("1.5"), new BigDecimal("1.25"), new BigDecimal("7"),
        null, new BigDecimal("-0.001"), new BigDecimal("1E+3"), new BigDecimal("2.50"), BigDecimal.ZERO);
    List<Trade> trades = new ArrayList<>();
    for (int i = 0; i < input.size(); i++) {
      trades.add(new Trade(i, null, null, input.get(i), null));
    }

    assertThat(sluice.parallelize(input, 1).collect()).containsExactlyElementsOf(input);
    assertThat(sluice.parallelize(trades, 1).collect()).containsExactlyElementsOf(trades);
    assertThat(sluice.parallelize(input, 1).map(d -> d == null ? null : d.negate()).collect())
        .containsExactlyElementsOf(input.stream().map(d -> d == null ? null : d.negate()).collect(Collectors.toList()));
  }

  @Test
  void testDatesOutsideTheInt32DayRangeAndNullRowsAmongRecordsRoundTrip() {
    List<Trade> input = Arrays.asList(
        new Trade(1, "min", LocalDate.MIN, BigDecimal.ONE, new byte[0]),
        null,
        new Trade(2, "max", LocalDate.MAX, null, new byte[] {-1, 0, 1}),
        new Trade(3, "epoch", LocalDate.EPOCH, new BigDecimal("123456789012345678901234567890.12345678"), null));

    for (int partitions : new int[] {1, 3, 200}) {
      assertThat(sluice.parallelize(input, partitions).collect()).as("%d partitions", partitions)
          .containsExactlyElementsOf(input);
      assertThat(sluice.parallelize(input, partitions).map(t -> t == null ? null : t.day()).collect())
          .containsExactly(LocalDate.MIN, null, LocalDate.MAX, LocalDate.EPOCH);
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testBeansRoundTripAndMap(long seed, int size, int partitions) {
    List<Account> input = SampleRows.accounts(seed, size);
    List<Account> expected = input.stream().map(TestDatasetTransformations::deposit).collect(Collectors.toList());

    List<Account> collected = sluice.parallelize(input, partitions).collect();
    List<Account> mapped = sluice.parallelize(input, partitions).map(TestDatasetTransformations::deposit).collect();
    List<String> owners = sluice.parallelize(input, partitions).filter(Account::isActive).map(Account::getOwner)
        .collect();

    assertThat(collected).containsExactlyElementsOf(input);
    assertThat(mapped).containsExactlyElementsOf(expected);
    assertThat(owners).containsExactlyElementsOf(
        input.stream().filter(Account::isActive).map(Account::getOwner).collect(Collectors.toList()));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testBeansOfANonPublicClassRoundTripAndMap(long seed, int size, int partitions) {
    List<Point> input = SampleRows.integers(seed, size, 0.0).stream()
        .map(x -> new Point(x, x % 4 == 0 ? null : "p" + x))
        .collect(Collectors.toList());

    List<Point> collected = sluice.parallelize(input, partitions).collect();
    List<Point> moved = sluice.parallelize(input, partitions).map(p -> new Point(p.getX() / 2, p.getLabel()))
        .collect();

    assertThat(collected).containsExactlyElementsOf(input);
    assertThat(moved).containsExactlyElementsOf(
        input.stream().map(p -> new Point(p.getX() / 2, p.getLabel())).collect(Collectors.toList()));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testClassWithoutColumnarEncodingTravelsAsKryoThroughMapFilterAndFlatMap(long seed, int size,
      int partitions) {
    List<Tagged> input = SampleRows.tagged(seed, size);
    List<Tagged> expected = input.stream()
        .filter(t -> !t.tags().isEmpty())
        .map(t -> new Tagged(t.name() == null ? "anonymous" : t.name(), reversed(t.tags())))
        .collect(Collectors.toList());

    List<Tagged> collected = sluice.parallelize(input, partitions).collect();
    List<Tagged> mapped = sluice.parallelize(input, partitions)
        .filter(t -> !t.tags().isEmpty())
        .map(t -> new Tagged(t.name() == null ? "anonymous" : t.name(), reversed(t.tags())))
        .collect();
    List<String> tags = sluice.parallelize(input, partitions).flatMap(t -> t.tags().iterator(), String.class)
        .collect();

    assertThat(collected).containsExactlyElementsOf(input);
    assertThat(mapped).containsExactlyElementsOf(expected);
    assertThat(tags).containsExactlyElementsOf(
        input.stream().flatMap(t -> t.tags().stream()).collect(Collectors.toList()));
  }

  @Test
  void testRowsOfMixedClassesAndNullsRoundTrip() {
    List<Object> input = Arrays.asList(1, "two", null, 3L, 4.0, new Word("five", 5), LocalDate.of(2024, 2, 29),
        new byte[] {6}, List.of("seven"), true, new BigDecimal("8.80"), null);

    for (int partitions : new int[] {1, 3, 200}) {
      List<Object> collected = sluice.parallelize(input, partitions).collect();
      List<String> described = sluice.parallelize(input, partitions).map(TestDatasetTransformations::describe)
          .collect();

      List<String> expected = input.stream().map(TestDatasetTransformations::describe).collect(Collectors.toList());

      assertThat(collected.stream().map(TestDatasetTransformations::describe).collect(Collectors.toList()))
          .as("%d partitions", partitions).containsExactlyElementsOf(expected);
      assertThat(described).as("%d partitions", partitions).containsExactlyElementsOf(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 200})
  void testEveryTransformationOfAnEmptyDatasetIsEmpty(int partitions) {
    Dataset<String> empty = sluice.parallelize(List.<String>of(), partitions);

    assertThat(empty.getNumPartitions()).isEqualTo(partitions);
    assertThat(empty.collect()).isEmpty();
    assertThat(empty.map(s -> s + "!").collect()).isEmpty();
    assertThat(empty.flatMap(s -> List.of(s, s).iterator()).collect()).isEmpty();
    assertThat(empty.filter(s -> true).collect()).isEmpty();
    assertThat(empty.mapPartitions(TestDatasetTransformations::describePartitionOfStrings, String.class).collect())
        .containsExactlyElementsOf(Collections.nCopies(partitions, "0"));
    assertThat(empty.limit(0).collect()).isEmpty();
    assertThat(empty.limit(5).collect()).isEmpty();
    assertThat(empty.union(empty).collect()).isEmpty();
    assertThat(empty.count()).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 200})
  void testOneElementAndOnlyNullsInManyPartitions(int partitions) {
    List<String> one = List.of("ü");
    List<String> nulls = Arrays.asList(null, null, null);

    assertThat(sluice.parallelize(one, partitions).map(s -> s + s).collect()).containsExactly("üü");
    assertThat(sluice.parallelize(one, partitions).filter(s -> false).collect()).isEmpty();
    assertThat(sluice.parallelize(nulls, partitions).collect()).containsExactly(null, null, null);
    assertThat(sluice.parallelize(nulls, partitions).map(s -> s == null ? "was null" : s).collect())
        .containsExactly("was null", "was null", "was null");
    assertThat(sluice.parallelize(nulls, partitions).filter(Objects::isNull).count()).isEqualTo(3);
  }

  @Test
  void testParallelizeCopiesTheListWhenCalled() {
    List<Integer> input = new ArrayList<>(List.of(1, 2, 3));
    Dataset<Integer> dataset = sluice.parallelize(input, 2);

    input.add(4);
    input.set(0, 100);

    assertThat(dataset.collect()).containsExactly(1, 2, 3);
  }

  private static List<String> codePoints(String s) {
    if (s == null) {
      return List.of();
    }
    return s.codePoints().mapToObj(Character::toString).collect(Collectors.toList());
  }

  private static Iterator<String> describePartition(Iterator<Integer> rows) {
    long count = 0;
    long sum = 0;
    while (rows.hasNext()) {
      Integer row = rows.next();
      count++;
      sum += row == null ? 0 : row;
    }
    return List.of(count + ":" + sum).iterator();
  }

  private static Iterator<String> describePartitionOfStrings(Iterator<String> rows) {
    long count = 0;
    while (rows.hasNext()) {
      rows.next();
      count++;
    }
    return List.of(String.valueOf(count)).iterator();
  }

  private static Iterator<Long> runningSum(Iterator<Long> rows) {
    return new Iterator<>() {
      private long sum;

      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Long next() {
        sum += rows.next();
        return sum;
      }
    };
  }

  private static Trade adjust(Trade trade) {
    return new Trade(trade.id() + 1,
        trade.note() == null ? null : trade.note().toUpperCase(),
        trade.day() == null ? null : trade.day().plusDays(1),
        trade.amount() == null ? null : trade.amount().movePointLeft(1),
        trade.payload() == null ? new byte[] {42} : Arrays.copyOf(trade.payload(), trade.payload().length + 1));
  }

  private static Account deposit(Account account) {
    return new Account(account.getOwner() == null ? "" : account.getOwner() + "'", account.getBalance() + 10,
        !account.isActive(), account.getRate() == null ? null : account.getRate() * 2);
  }

  private static List<String> reversed(List<String> values) {
    List<String> copy = new ArrayList<>(values);
    Collections.reverse(copy);
    return List.copyOf(copy);
  }

  private static String describe(Object value) {
    if (value instanceof byte[] bytes) {
      return "bytes" + Arrays.toString(bytes);
    }
    return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
  }
}
