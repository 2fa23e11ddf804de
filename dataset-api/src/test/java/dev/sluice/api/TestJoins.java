package dev.sluice.api;

import static dev.sluice.api.KeyedRows.assertSameKeyedResult;
import static dev.sluice.api.KeyedRows.assertSameMultiset;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.keyed.Pair;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every join kind and cogroup of {@link PairDataset} against a nested-loop reference over the same
 * pairs: both sides skewed (one key holds half the rows, so the hot key's result is a large
 * product), duplicate keys on both sides, null keys (which join each other) and null values, one
 * side or both empty, in 1 and 200 partitions on either side and into the default (the larger
 * side's), 1 and 200 partitions. Results are compared as multisets.
 */
class TestJoins {
  private static Sluice sluice;

  @BeforeAll
  static void startSession() {
    sluice = KeyedRows.sessionBuilder("TestJoins").getOrCreate();
  }

  @AfterAll
  static void closeSession() {
    sluice.close();
  }

  /** (seed, left size, right size, left partitions, right partitions, target partitions or 0). */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(7L, 2000, 60, 1, 1, 0),
        Arguments.of(8L, 60, 2000, 3, 1, 0),
        Arguments.of(9L, 300, 300, 200, 4, 0),
        Arguments.of(10L, 300, 300, 2, 3, 200),
        Arguments.of(11L, 300, 300, 200, 200, 1),
        Arguments.of(12L, 0, 300, 1, 200, 0),
        Arguments.of(13L, 300, 0, 200, 1, 1),
        Arguments.of(14L, 0, 0, 1, 200, 0),
        Arguments.of(15L, 0, 0, 3, 2, 200));
  }

  /** The two sides of one case. */
  private record Sides(List<Pair<String, Integer>> left, List<Pair<String, String>> right,
      PairDataset<String, Integer> leftPairs, PairDataset<String, String> rightPairs) {
    Map<String, List<Integer>> leftGroups() {
      return KeyedRows.group(left);
    }

    Map<String, List<String>> rightGroups() {
      return KeyedRows.group(right);
    }

    /** Every key of either side, left ones first. */
    Set<String> allKeys() {
      Set<String> keys = new LinkedHashSet<>(leftGroups().keySet());
      keys.addAll(rightGroups().keySet());
      return keys;
    }
  }

  private static Sides sides(long seed, int leftSize, int rightSize, int leftPartitions, int rightPartitions) {
    List<Pair<String, Integer>> left = KeyedRows.skewedPairs(seed, leftSize);
    List<Pair<String, String>> right = KeyedRows.skewedStringPairs(seed * 31 + 1, rightSize);
    return new Sides(left, right, sluice.parallelize(left, leftPartitions).mapToPair(pair -> pair),
        sluice.parallelize(right, rightPartitions).mapToPair(pair -> pair));
  }

  private static int expectedPartitions(int leftPartitions, int rightPartitions, int target) {
    return target == 0 ? Math.max(leftPartitions, rightPartitions) : target;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testInnerJoinMatchesNestedLoopReference(long seed, int leftSize, int rightSize, int leftPartitions,
      int rightPartitions, int target) {
    Sides sides = sides(seed, leftSize, rightSize, leftPartitions, rightPartitions);
    List<Pair<String, Pair<Integer, String>>> expected = new ArrayList<>();
    Map<String, List<String>> rightGroups = sides.rightGroups();
    for (Pair<String, Integer> left : sides.left()) {
      for (String right : rightGroups.getOrDefault(left.key(), List.of())) {
        expected.add(Pair.of(left.key(), Pair.of(left.value(), right)));
      }
    }

    PairDataset<String, Pair<Integer, String>> joined = target == 0
        ? sides.leftPairs().join(sides.rightPairs())
        : sides.leftPairs().join(sides.rightPairs(), target);

    assertThat(joined.getNumPartitions()).isEqualTo(expectedPartitions(leftPartitions, rightPartitions, target));
    List<Pair<String, Pair<Integer, String>>> actual = joined.collect();
    assertSameMultiset(actual, expected);
    if (leftSize > 0 && rightSize > 0) {
      assertThat(actual).extracting(Pair::key).contains(KeyedRows.HOT, (String) null);
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testLeftOuterJoinKeepsEveryLeftValue(long seed, int leftSize, int rightSize, int leftPartitions,
      int rightPartitions, int target) {
    Sides sides = sides(seed, leftSize, rightSize, leftPartitions, rightPartitions);
    List<Pair<String, Pair<Integer, Optional<String>>>> expected = new ArrayList<>();
    Map<String, List<String>> rightGroups = sides.rightGroups();
    for (Pair<String, Integer> left : sides.left()) {
      List<String> matches = rightGroups.getOrDefault(left.key(), List.of());
      if (matches.isEmpty()) {
        expected.add(Pair.of(left.key(), Pair.of(left.value(), Optional.empty())));
      }
      for (String right : matches) {
        expected.add(Pair.of(left.key(), Pair.of(left.value(), Optional.ofNullable(right))));
      }
    }

    PairDataset<String, Pair<Integer, Optional<String>>> joined = target == 0
        ? sides.leftPairs().leftOuterJoin(sides.rightPairs())
        : sides.leftPairs().leftOuterJoin(sides.rightPairs(), target);

    assertThat(joined.getNumPartitions()).isEqualTo(expectedPartitions(leftPartitions, rightPartitions, target));
    assertSameMultiset(joined.collect(), expected);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testRightOuterJoinKeepsEveryRightValue(long seed, int leftSize, int rightSize, int leftPartitions,
      int rightPartitions, int target) {
    Sides sides = sides(seed, leftSize, rightSize, leftPartitions, rightPartitions);
    List<Pair<String, Pair<Optional<Integer>, String>>> expected = new ArrayList<>();
    Map<String, List<Integer>> leftGroups = sides.leftGroups();
    for (Pair<String, String> right : sides.right()) {
      List<Integer> matches = leftGroups.getOrDefault(right.key(), List.of());
      if (matches.isEmpty()) {
        expected.add(Pair.of(right.key(), Pair.of(Optional.empty(), right.value())));
      }
      for (Integer left : matches) {
        expected.add(Pair.of(right.key(), Pair.of(Optional.ofNullable(left), right.value())));
      }
    }

    PairDataset<String, Pair<Optional<Integer>, String>> joined = target == 0
        ? sides.leftPairs().rightOuterJoin(sides.rightPairs())
        : sides.leftPairs().rightOuterJoin(sides.rightPairs(), target);

    assertThat(joined.getNumPartitions()).isEqualTo(expectedPartitions(leftPartitions, rightPartitions, target));
    assertSameMultiset(joined.collect(), expected);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testFullOuterJoinKeepsEveryValueOfEitherSide(long seed, int leftSize, int rightSize, int leftPartitions,
      int rightPartitions, int target) {
    Sides sides = sides(seed, leftSize, rightSize, leftPartitions, rightPartitions);
    List<Pair<String, Pair<Optional<Integer>, Optional<String>>>> expected = new ArrayList<>();
    Map<String, List<Integer>> leftGroups = sides.leftGroups();
    Map<String, List<String>> rightGroups = sides.rightGroups();
    for (String key : sides.allKeys()) {
      List<Integer> lefts = leftGroups.getOrDefault(key, List.of());
      List<String> rights = rightGroups.getOrDefault(key, List.of());
      if (lefts.isEmpty()) {
        rights.forEach(right -> expected.add(Pair.of(key, Pair.of(Optional.empty(), Optional.ofNullable(right)))));
      } else if (rights.isEmpty()) {
        lefts.forEach(left -> expected.add(Pair.of(key, Pair.of(Optional.ofNullable(left), Optional.empty()))));
      } else {
        for (Integer left : lefts) {
          for (String right : rights) {
            expected.add(Pair.of(key, Pair.of(Optional.ofNullable(left), Optional.ofNullable(right))));
          }
        }
      }
    }

    PairDataset<String, Pair<Optional<Integer>, Optional<String>>> joined = target == 0
        ? sides.leftPairs().fullOuterJoin(sides.rightPairs())
        : sides.leftPairs().fullOuterJoin(sides.rightPairs(), target);

    assertThat(joined.getNumPartitions()).isEqualTo(expectedPartitions(leftPartitions, rightPartitions, target));
    assertSameMultiset(joined.collect(), expected);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testCogroupGroupsBothSidesOfEveryKey(long seed, int leftSize, int rightSize, int leftPartitions,
      int rightPartitions, int target) {
    Sides sides = sides(seed, leftSize, rightSize, leftPartitions, rightPartitions);
    List<Pair<String, Pair<List<Integer>, List<String>>>> expected = new ArrayList<>();
    Map<String, List<Integer>> leftGroups = sides.leftGroups();
    Map<String, List<String>> rightGroups = sides.rightGroups();
    for (String key : sides.allKeys()) {
      expected.add(Pair.of(key, Pair.of(KeyedRows.sorted(leftGroups.getOrDefault(key, List.of())),
          KeyedRows.sorted(rightGroups.getOrDefault(key, List.of())))));
    }

    PairDataset<String, Pair<List<Integer>, List<String>>> grouped = target == 0
        ? sides.leftPairs().cogroup(sides.rightPairs())
        : sides.leftPairs().cogroup(sides.rightPairs(), target);

    assertThat(grouped.getNumPartitions()).isEqualTo(expectedPartitions(leftPartitions, rightPartitions, target));
    List<Pair<String, Pair<List<Integer>, List<String>>>> actual = new ArrayList<>();
    for (Pair<String, Pair<List<Integer>, List<String>>> pair : grouped.collect()) {
      actual.add(Pair.of(pair.key(), Pair.of(KeyedRows.sorted(pair.value().key()),
          KeyedRows.sorted(pair.value().value()))));
    }
    assertSameKeyedResult(actual, expected);
  }

  @Test
  void testSelfJoinReadsOneShuffleTwice() {
    List<Pair<String, Integer>> input = KeyedRows.skewedPairs(21, 200);
    PairDataset<String, Integer> pairs = sluice.parallelize(input, 3).mapToPair(pair -> pair);
    List<Pair<String, Pair<Integer, Integer>>> expected = new ArrayList<>();
    Map<String, List<Integer>> groups = KeyedRows.group(input);
    for (Pair<String, Integer> left : input) {
      for (Integer right : groups.get(left.key())) {
        expected.add(Pair.of(left.key(), Pair.of(left.value(), right)));
      }
    }

    assertSameMultiset(pairs.join(pairs).collect(), expected);
    assertSameMultiset(pairs.join(pairs, 17).collect(), expected);
  }

  @Test
  void testJoinOnIntegerKeysWithNegativeHashCodesAndOnlyNullKeys() {
    List<Pair<Integer, String>> left = new ArrayList<>();
    List<Pair<Integer, String>> right = new ArrayList<>();
    for (int i = -300; i < 300; i++) {
      left.add(Pair.of(i % 7 == 0 ? null : i * 1_000_003, "l" + i));
      if (i % 2 == 0) {
        right.add(Pair.of(i % 7 == 0 ? null : i * 1_000_003, "r" + i));
      }
    }
    List<Pair<Integer, Pair<String, String>>> expected = new ArrayList<>();
    Map<Integer, List<String>> rightGroups = KeyedRows.group(right);
    for (Pair<Integer, String> pair : left) {
      for (String match : rightGroups.getOrDefault(pair.key(), List.of())) {
        expected.add(Pair.of(pair.key(), Pair.of(pair.value(), match)));
      }
    }
    PairDataset<Integer, String> leftPairs = sluice.parallelize(left, 4).mapToPair(pair -> pair);
    PairDataset<Integer, String> rightPairs = sluice.parallelize(right, 3).mapToPair(pair -> pair);

    assertSameMultiset(leftPairs.join(rightPairs, 13).collect(), expected);
    List<Pair<Integer, Pair<String, String>>> nullsOnly = leftPairs.filter(pair -> pair.key() == null)
        .join(rightPairs.filter(pair -> pair.key() == null), 5)
        .collect();
    long leftNulls = left.stream().filter(pair -> pair.key() == null).count();
    long rightNulls = right.stream().filter(pair -> pair.key() == null).count();
    assertThat(nullsOnly).hasSize((int) (leftNulls * rightNulls)).allSatisfy(pair -> assertThat(pair.key()).isNull());
  }
}
