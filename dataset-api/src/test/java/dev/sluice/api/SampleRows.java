package dev.sluice.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Row types and seeded random data for the Dataset tests, and the plain-Java reference for how
 * {@code parallelize} slices a list into partitions. Every generator is deterministic in its seed.
 */
final class SampleRows {
  /** Pieces random strings are made of: ASCII, accents, CJK, an emoji (a surrogate pair), spaces. */
  private static final String[] PIECES = {
      "a", "b", "z", "Q", "0", "7", " ", "-", "é", "ß", "中", "文", "ж", "😀", "🚀", "\t", "ǅ", "\u00a0"};

  private SampleRows() {}

  /**
   * A record with one component of every columnar kind and a nullable string. {@code equals}
   * compares the payload by content (a record's own equals would compare the array by identity).
   */
  record Trade(int id, String note, LocalDate day, BigDecimal amount, byte[] payload) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Trade that
          && id == that.id
          && Objects.equals(note, that.note)
          && Objects.equals(day, that.day)
          && Objects.equals(amount, that.amount)
          && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
      return Objects.hash(id, note, day, amount) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
      return "Trade[" + id + ", " + note + ", " + day + ", " + amount + ", "
          + (payload == null ? "null" : Arrays.toString(payload)) + "]";
    }
  }

  /** A small record, the result of mapping strings. */
  record Word(String text, int length) {}

  /** A JavaBean: public no-argument constructor and getter/setter pairs (a primitive, boxed and a string). */
  public static final class Account {
    private String owner;
    private long balance;
    private boolean active;
    private Double rate;

    public Account() {}

    public Account(String owner, long balance, boolean active, Double rate) {
      this.owner = owner;
      this.balance = balance;
      this.active = active;
      this.rate = rate;
    }

    public String getOwner() {
      return owner;
    }

    public void setOwner(String owner) {
      this.owner = owner;
    }

    public long getBalance() {
      return balance;
    }

    public void setBalance(long balance) {
      this.balance = balance;
    }

    public boolean isActive() {
      return active;
    }

    public void setActive(boolean active) {
      this.active = active;
    }

    public Double getRate() {
      return rate;
    }

    public void setRate(Double rate) {
      this.rate = rate;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Account that
          && Objects.equals(owner, that.owner)
          && balance == that.balance
          && active == that.active
          && Objects.equals(rate, that.rate);
    }

    @Override
    public int hashCode() {
      return Objects.hash(owner, balance, active, rate);
    }

    @Override
    public String toString() {
      return "Account[" + owner + ", " + balance + ", " + active + ", " + rate + "]";
    }
  }

  /** A bean whose class is not public (only its constructor and accessors are). */
  static final class Point {
    private int x;
    private String label;

    public Point() {}

    Point(int x, String label) {
      this.x = x;
      this.label = label;
    }

    public int getX() {
      return x;
    }

    public void setX(int x) {
      this.x = x;
    }

    public String getLabel() {
      return label;
    }

    public void setLabel(String label) {
      this.label = label;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Point that && x == that.x && Objects.equals(label, that.label);
    }

    @Override
    public int hashCode() {
      return Objects.hash(x, label);
    }

    @Override
    public String toString() {
      return "Point[" + x + ", " + label + "]";
    }
  }

  /**
   * A class without a columnar encoding: no no-argument constructor, no setters, and a list field,
   * so its rows travel as Kryo bytes.
   */
  static final class Tagged {
    private final String name;
    private final List<String> tags;

    Tagged(String name, List<String> tags) {
      this.name = name;
      this.tags = tags;
    }

    String name() {
      return name;
    }

    List<String> tags() {
      return tags;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Tagged that && Objects.equals(name, that.name) && Objects.equals(tags, that.tags);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, tags);
    }

    @Override
    public String toString() {
      return "Tagged[" + name + ", " + tags + "]";
    }
  }

  /** {@code values} cut as {@code parallelize(values, partitions)} documents: consecutive slices, Spark's formula. */
  static <T> List<List<T>> slices(List<T> values, int partitions) {
    List<List<T>> slices = new ArrayList<>();
    int n = values.size();
    for (int p = 0; p < partitions; p++) {
      int from = (int) ((long) n * p / partitions);
      int to = (int) ((long) n * (p + 1) / partitions);
      slices.add(new ArrayList<>(values.subList(from, to)));
    }
    return slices;
  }

  static List<Integer> integers(long seed, int size, double nullFraction) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Integer> values = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      if (random.nextDouble() < nullFraction) {
        values.add(null);
      } else {
        int kind = random.nextInt(10);
        values.add(kind == 0 ? Integer.MIN_VALUE : kind == 1 ? Integer.MAX_VALUE : random.nextInt(-1000, 1000));
      }
    }
    return values;
  }

  static List<Long> longs(long seed, int size) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Long> values = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      int kind = random.nextInt(10);
      values.add(kind == 0 ? Long.MIN_VALUE : kind == 1 ? Long.MAX_VALUE : random.nextLong());
    }
    return values;
  }

  static String string(SplittableRandom random, int maxPieces) {
    StringBuilder out = new StringBuilder();
    int pieces = random.nextInt(maxPieces + 1);
    for (int i = 0; i < pieces; i++) {
      out.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return out.toString();
  }

  /** Random strings (some empty, with unicode); a {@code nullFraction} of them null. */
  static List<String> strings(long seed, int size, double nullFraction) {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> values = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      values.add(random.nextDouble() < nullFraction ? null : string(random, 8));
    }
    return values;
  }

  /** Random trades: nullable notes and payloads, decimals of scales 0 to 4, dates around the epoch. */
  static List<Trade> trades(long seed, int size) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Trade> values = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      String note = random.nextInt(4) == 0 ? null : string(random, 5);
      LocalDate day = random.nextInt(10) == 0 ? null : LocalDate.ofEpochDay(random.nextInt(-100_000, 100_000));
      BigDecimal amount = random.nextInt(10) == 0 ? null
          : new BigDecimal(BigInteger.valueOf(random.nextLong(-10_000_000L, 10_000_000L)), random.nextInt(5));
      byte[] payload = null;
      if (random.nextInt(5) != 0) {
        payload = new byte[random.nextInt(6)];
        for (int b = 0; b < payload.length; b++) {
          payload[b] = (byte) random.nextInt(256);
        }
      }
      values.add(new Trade(random.nextInt(), note, day, amount, payload));
    }
    return values;
  }

  static List<Account> accounts(long seed, int size) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Account> values = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      values.add(new Account(random.nextInt(5) == 0 ? null : string(random, 4), random.nextLong(),
          random.nextBoolean(), random.nextInt(4) == 0 ? null : random.nextDouble() * 100));
    }
    return values;
  }

  static List<Tagged> tagged(long seed, int size) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Tagged> values = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      List<String> tags = new ArrayList<>();
      int count = random.nextInt(4);
      for (int t = 0; t < count; t++) {
        tags.add(string(random, 3));
      }
      values.add(new Tagged(random.nextInt(6) == 0 ? null : "t" + i, List.copyOf(tags)));
    }
    return values;
  }
}
