package dev.sluice.executors.operator;

import dev.sluice.engine.keyed.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/** Random keyed test data: one hot key holding about half the rows, null keys, null values. */
final class KeyedData {
  /** A record key, as keyed datasets of records use. */
  record Point(int x, String y) {}

  /** The kinds of keys the operator tests run with. */
  enum KeyKind {
    STRING(random -> "k" + random.nextInt(300), "hot"),
    INTEGER(random -> random.nextInt(300) - 150, 7),
    RECORD(random -> new Point(random.nextInt(20), "p" + random.nextInt(15)), new Point(1, "hot"));

    private final Function<Random, Object> key;
    private final Object hot;

    KeyKind(Function<Random, Object> key, Object hot) {
      this.key = key;
      this.hot = hot;
    }

    /** A hot key half of the time, null one time in 20, else one of a few hundred keys. */
    Object nextKey(Random random) {
      double draw = random.nextDouble();
      if (draw < 0.5) {
        return hot;
      }
      return draw < 0.55 ? null : key.apply(random);
    }
  }

  private KeyedData() {}

  /** {@code rows} pairs of a key of {@code kind} and an Integer value (null one time in 10). */
  static List<Object> pairs(KeyKind kind, int rows, long seed) {
    Random random = new Random(seed);
    List<Object> pairs = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      Integer value = random.nextInt(10) == 0 ? null : random.nextInt(1000);
      pairs.add(Pair.of(kind.nextKey(random), value));
    }
    return pairs;
  }
}
