package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.keyed.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Seeded key/value data for the keyed, join, sort and shuffle tests (skewed: one key holds about
 * half the rows; with null keys and null values), the plain-Java references they are checked
 * against, and helpers that look inside partitions and compare results as multisets.
 */
final class KeyedRows {
  /** The key that holds about half of the rows of every skewed data set. */
  static final String HOT = "hot";
  /** Nulls first, then natural order: how lists of values are normalized before comparing. */
  static final Comparator<Object> NULLS_FIRST = Comparator.nullsFirst(KeyedRows::compareNatural);

  /** Below this much free space a RAM-backed directory is not used for shuffle and spill files. */
  private static final long MIN_FAST_DIRECTORY_BYTES = 1L << 30;

  private KeyedRows() {}

  /**
   * A {@code local[2]} session builder. Unless {@code sluice.local.dir} is set as a system property,
   * shuffle and spill files go to a RAM-backed {@code /dev/shm} where one with room to spare exists:
   * these tests create thousands of small files, which costs far more on some disks than the work
   * under test.
   */
  static Sluice.Builder sessionBuilder(String appName) {
    Sluice.Builder builder = Sluice.builder().master("local[2]").appName(appName);
    if (System.getProperty("sluice.local.dir") != null) {
      return builder;
    }
    Path shm = Path.of("/dev/shm");
    try {
      if (Files.isDirectory(shm) && Files.isWritable(shm)
          && Files.getFileStore(shm).getUsableSpace() > MIN_FAST_DIRECTORY_BYTES) {
        builder.config("sluice.local.dir", shm.toString());
      }
    } catch (IOException e) {
      // keep the default directory
    }
    return builder;
  }

  /** A row with a nullable sort key and a unique id, to follow rows with equal keys. */
  record Item(Integer key, int id) {}

  /**
   * {@code size} pairs: about half with key {@link #HOT}, 5% with a null key, the rest spread over
   * {@code size / 4 + 1} keys; values in [-50, 50), 5% of them null.
   */
  static List<Pair<String, Integer>> skewedPairs(long seed, int size) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Pair<String, Integer>> pairs = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      pairs.add(Pair.of(skewedKey(random, size), random.nextInt(20) == 0 ? null : random.nextInt(-50, 50)));
    }
    return pairs;
  }

  /** As {@link #skewedPairs} with string values (5% null), for the other side of a join. */
  static List<Pair<String, String>> skewedStringPairs(long seed, int size) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Pair<String, String>> pairs = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      pairs.add(Pair.of(skewedKey(random, size), random.nextInt(20) == 0 ? null : "w" + random.nextInt(1000)));
    }
    return pairs;
  }

  private static String skewedKey(SplittableRandom random, int size) {
    int kind = random.nextInt(20);
    if (kind < 10) {
      return HOT;
    }
    if (kind == 10) {
      return null;
    }
    return "k" + random.nextInt(size / 4 + 1);
  }

  /** {@code size} items with keys in [0, distinctKeys) (many ties), a {@code nullFraction} null. */
  static List<Item> items(long seed, int size, int distinctKeys, double nullFraction) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Item> items = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      items.add(new Item(random.nextDouble() < nullFraction ? null : random.nextInt(distinctKeys), i));
    }
    return items;
  }

  /** {@code size} items, half of them with key 7, the rest spread widely, 5% null. */
  static List<Item> skewedItems(long seed, int size) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Item> items = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      int kind = random.nextInt(20);
      items.add(new Item(kind < 10 ? Integer.valueOf(7) : kind == 10 ? null : random.nextInt(-100_000, 100_000), i));
    }
    return items;
  }

  // ---- references ----

  /** Key → its values in input order (a null key is a key like any other). */
  static <K, V> Map<K, List<V>> group(List<Pair<K, V>> pairs) {
    Map<K, List<V>> groups = new LinkedHashMap<>();
    for (Pair<K, V> pair : pairs) {
      groups.computeIfAbsent(pair.key(), key -> new ArrayList<>()).add(pair.value());
    }
    return groups;
  }

  /** The values of each key folded left to right with {@code function}, as pairs. */
  static <K, V, A> List<Pair<K, A>> aggregate(List<Pair<K, V>> pairs, Function<List<V>, A> function) {
    List<Pair<K, A>> out = new ArrayList<>();
    group(pairs).forEach((key, values) -> out.add(Pair.of(key, function.apply(values))));
    return out;
  }

  /** Null as zero. */
  static int orZero(Integer value) {
    return value == null ? 0 : value;
  }

  /** A sum that treats null as zero: associative and commutative, and null only for a lone null. */
  static Integer sumOrZero(Integer left, Integer right) {
    return orZero(left) + orZero(right);
  }

  /** A copy of {@code values} sorted with nulls first. */
  static <T> List<T> sorted(List<T> values) {
    List<T> copy = new ArrayList<>(values);
    copy.sort(NULLS_FIRST);
    return copy;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareNatural(Object left, Object right) {
    return ((Comparable) left).compareTo(right);
  }

  // ---- looking inside partitions ----

  /** Every partition's rows as one list, in partition order (one list per partition, empty ones too). */
  static <T> List<List<T>> partitions(Dataset<T> dataset) {
    Dataset<List<T>> lists = dataset.mapPartitions(KeyedRows::wholePartition);
    List<List<T>> result = lists.collect();
    assertThat(result).as("one list per partition").hasSize(dataset.getNumPartitions());
    return result;
  }

  private static <T> Iterator<List<T>> wholePartition(Iterator<T> rows) {
    List<T> all = new ArrayList<>();
    rows.forEachRemaining(all::add);
    List<List<T>> one = new ArrayList<>(1);
    one.add(all);
    return one.iterator();
  }

  /** Key → the partitions it appears in. */
  static <K> Map<K, List<Integer>> partitionsOfKeys(List<? extends List<?>> partitions, Function<Object, K> key) {
    Map<K, List<Integer>> where = new HashMap<>();
    for (int p = 0; p < partitions.size(); p++) {
      for (Object row : partitions.get(p)) {
        List<Integer> seen = where.computeIfAbsent(key.apply(row), k -> new ArrayList<>());
        if (seen.isEmpty() || seen.get(seen.size() - 1) != p) {
          seen.add(p);
        }
      }
    }
    return where;
  }

  /** Asserts that every key appears in exactly one partition. */
  static void assertEqualKeysShareOnePartition(List<? extends List<?>> partitions, Function<Object, ?> key) {
    partitionsOfKeys(partitions, key).forEach((k, where) ->
        assertThat(where).as("partitions holding key %s", k).hasSize(1));
  }

  // ---- comparing ----

  /** Asserts that both lists hold the same elements the same number of times (order ignored). */
  static <T> void assertSameMultiset(List<T> actual, List<T> expected) {
    assertThat(actual).as("row count").hasSize(expected.size());
    assertThat(counts(actual)).isEqualTo(counts(expected));
  }

  /** How often each element occurs. */
  static <T> Map<T, Integer> counts(List<T> values) {
    Map<T, Integer> counts = new HashMap<>();
    for (T value : values) {
      counts.merge(value, 1, Integer::sum);
    }
    return counts;
  }

  /** Asserts that the pairs have distinct keys and, as a map, equal {@code expected}. */
  static <K, V> void assertSameKeyedResult(List<Pair<K, V>> actual, List<Pair<K, V>> expected) {
    Map<K, V> map = new HashMap<>();
    for (Pair<K, V> pair : actual) {
      assertThat(map.containsKey(pair.key())).as("key %s appears once", pair.key()).isFalse();
      map.put(pair.key(), pair.value());
    }
    Map<K, V> expectedMap = new HashMap<>();
    expected.forEach(pair -> expectedMap.put(pair.key(), pair.value()));
    assertThat(map).isEqualTo(expectedMap);
  }

  /** The pairs with each value list sorted (nulls first), for results whose value order is not defined. */
  static <K, V> List<Pair<K, List<V>>> withSortedValues(List<Pair<K, List<V>>> pairs) {
    List<Pair<K, List<V>>> out = new ArrayList<>(pairs.size());
    for (Pair<K, List<V>> pair : pairs) {
      out.add(Pair.of(pair.key(), sorted(pair.value())));
    }
    return out;
  }
}
