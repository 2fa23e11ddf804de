package dev.sluice.engine.keyed;

/**
 * A key and a value: the row type of keyed datasets (Spark's {@code Tuple2} in {@code
 * JavaPairRDD}). Both may be null. Rows are encoded as two columns, {@code key} and {@code value}.
 *
 * @param key the key; partitioning uses its {@code hashCode}, so it must be stable across JVMs
 *     (strings, boxed numbers, records of those are; enums and arrays are not)
 * @param value the value
 */
public record Pair<K, V>(K key, V value) {
  public static <K, V> Pair<K, V> of(K key, V value) {
    return new Pair<>(key, value);
  }

  @Override
  public String toString() {
    return "(" + key + "," + value + ")";
  }
}
