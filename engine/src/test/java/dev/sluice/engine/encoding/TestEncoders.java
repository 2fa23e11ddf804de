package dev.sluice.engine.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.batch.Batch;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestEncoders {
  private BufferAllocator allocator;

  record Person(String name, int age, LocalDate born, BigDecimal balance, byte[] photo, List<String> tags) {}

  /** A bean: public no-arg constructor, getter/setter pairs. */
  public static final class Account {
    private long id;
    private String owner;
    private Double rate;

    public Account() {}

    Account(long id, String owner, Double rate) {
      this.id = id;
      this.owner = owner;
      this.rate = rate;
    }

    public long getId() {
      return id;
    }

    public void setId(long id) {
      this.id = id;
    }

    public String getOwner() {
      return owner;
    }

    public void setOwner(String owner) {
      this.owner = owner;
    }

    public Double getRate() {
      return rate;
    }

    public void setRate(Double rate) {
      this.rate = rate;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Account a && a.id == id && Objects.equals(a.owner, owner) && Objects.equals(a.rate, rate);
    }

    @Override
    public int hashCode() {
      return Objects.hash(id, owner, rate);
    }
  }

  /** No columnar form: no record, no setters. */
  static final class Opaque {
    final List<Integer> values;

    Opaque(List<Integer> values) {
      this.values = values;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Opaque o && o.values.equals(values);
    }

    @Override
    public int hashCode() {
      return values.hashCode();
    }
  }

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private List<Object> roundTrip(Class<?> hint, List<?> rows) {
    RowBatchWriter writer = new RowBatchWriter(hint, 7, allocator);
    List<Object> decoded = new ArrayList<>();
    List<Batch> batches = new ArrayList<>();
    for (Object row : rows) {
      if (writer.add(row)) {
        batches.add(writer.flush());
      }
    }
    Batch last = writer.flush();
    if (last != null) {
      batches.add(last);
    }
    for (Batch batch : batches) {
      try (batch) {
        decoded.addAll(Arrays.asList(Encoders.decoderFor(batch.arrowSchema()).decode(batch)));
      }
    }
    return decoded;
  }

  @Test
  void testBoxedPrimitivesStringsAndNullsRoundTripAsTypedColumns() {
    List<Object> longs = Arrays.asList(1L, null, Long.MIN_VALUE, Long.MAX_VALUE, 0L);
    assertThat(roundTrip(Long.class, longs)).containsExactlyElementsOf(longs);
    List<Object> strings = Arrays.asList("a", null, "", "ünïcödé ✓", "x".repeat(1000));
    assertThat(roundTrip(String.class, strings)).containsExactlyElementsOf(strings);
    List<Object> mixed = Arrays.asList(1, 2.5, "three", null, true, LocalDate.of(2020, 2, 29));
    assertThat(roundTrip(Object.class, mixed)).containsExactlyElementsOf(mixed);
  }

  @Test
  void testStringBatchIsStoredAsUtf8Column() {
    try (Batch batch = Encoders.forClass(String.class).encode(new Object[] {"a", null}, 2, allocator)) {
      assertThat(batch.arrowSchema().getFields().get(0).getType()).isEqualTo(ArrowType.Utf8.INSTANCE);
      assertThat(batch.root().getVector(0).getNullCount()).isEqualTo(1);
    }
  }

  @Test
  void testDecimalsKeepTheirExactValueAcrossScales() {
    List<Object> decimals = Arrays.asList(new BigDecimal("1.5"), new BigDecimal("-123456789012345.67"),
        null, new BigDecimal("0.0001"), new BigDecimal("1E+5"));
    List<Object> decoded = roundTrip(BigDecimal.class, decimals);
    for (int i = 0; i < decimals.size(); i++) {
      if (decimals.get(i) == null) {
        assertThat(decoded.get(i)).isNull();
      } else {
        assertThat((BigDecimal) decoded.get(i)).isEqualByComparingTo((BigDecimal) decimals.get(i));
      }
    }
    BigDecimal tooWide = new BigDecimal("1" + "0".repeat(40));
    assertThat(roundTrip(BigDecimal.class, List.of(tooWide))).containsExactly(tooWide);
  }

  @Test
  void testRecordsBecomeOneColumnPerComponentWithKryoForUnsupportedFields() {
    SplittableRandom random = new SplittableRandom(7);
    List<Person> people = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      people.add(new Person(i % 5 == 0 ? null : "p" + i, random.nextInt(100),
          i % 7 == 0 ? null : LocalDate.ofEpochDay(random.nextInt(30000)),
          BigDecimal.valueOf(random.nextLong(1_000_000), 2), new byte[] {(byte) i, 1},
          i % 3 == 0 ? null : List.of("t" + i)));
    }
    List<Object> decoded = roundTrip(Person.class, people);
    assertThat(decoded).hasSize(people.size());
    for (int i = 0; i < people.size(); i++) {
      Person expected = people.get(i);
      Person actual = (Person) decoded.get(i);
      assertThat(actual.name()).isEqualTo(expected.name());
      assertThat(actual.age()).isEqualTo(expected.age());
      assertThat(actual.born()).isEqualTo(expected.born());
      assertThat(actual.balance()).isEqualByComparingTo(expected.balance());
      assertThat(actual.photo()).isEqualTo(expected.photo());
      assertThat(actual.tags()).isEqualTo(expected.tags());
    }
    try (Batch batch = Encoders.forClass(Person.class).encode(people.toArray(), people.size(), allocator)) {
      assertThat(batch.arrowSchema().getFields()).extracting(f -> f.getName())
          .containsExactly("name", "age", "born", "balance", "photo", "tags");
    }
  }

  @Test
  void testNullRecordFallsBackToKryoForThatBatch() {
    List<Object> rows = Arrays.asList(new Person("a", 1, null, null, null, null), null);
    List<Object> decoded = roundTrip(Person.class, rows);
    assertThat(decoded.get(1)).isNull();
    assertThat(((Person) decoded.get(0)).name()).isEqualTo("a");
  }

  @Test
  void testBeansAndOpaqueObjectsRoundTrip() {
    List<Object> accounts = List.of(new Account(1, "ann", 0.5), new Account(2, null, null));
    assertThat(roundTrip(Account.class, accounts)).containsExactlyElementsOf(accounts);
    assertThat(Encoders.forClass(Account.class).encoding()).isEqualTo("bean");
    List<Object> opaque = Arrays.asList(new Opaque(List.of(1, 2)), null, new Opaque(List.of()));
    assertThat(roundTrip(null, opaque)).containsExactlyElementsOf(opaque);
    assertThat(Encoders.forClass(Opaque.class).encoding()).isEqualTo("kryo");
  }
}
