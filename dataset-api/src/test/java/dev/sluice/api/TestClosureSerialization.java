package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.SampleRows.Word;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.function.MapFunction;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * User functions are shipped to executors with Kryo: captured values arrive intact, and a function
 * that captures something not {@link Serializable} is refused at the call that passed it, with
 * {@link ErrorCode#TASK_NOT_SERIALIZABLE} and a message naming the offending class (and field).
 */
class TestClosureSerialization {
  private static Sluice sluice;

  @BeforeAll
  static void startSession() {
    sluice = Sluice.builder().master("local[2]").appName("TestClosureSerialization").getOrCreate();
  }

  @AfterAll
  static void closeSession() {
    sluice.close();
  }

  /** A record declared Serializable, as everything a function captures must be. */
  record Bounds(int low, String label) implements Serializable {}

  /** Not Serializable: an ordinary helper object someone might capture by accident. */
  static final class Connection {
    final String url;

    Connection(String url) {
      this.url = url;
    }
  }

  /** Serializable, but holds something that is not. */
  static final class Settings implements Serializable {
    private static final long serialVersionUID = 1L;

    final int factor;
    final Object lock;

    Settings(int factor, Object lock) {
      this.factor = factor;
      this.lock = lock;
    }
  }

  /** Serializable two levels up from a non-serializable field. */
  static final class Job implements Serializable {
    private static final long serialVersionUID = 1L;

    final String name;
    final Settings settings;

    Job(String name, Settings settings) {
      this.name = name;
      this.settings = settings;
    }
  }

  /** Serializable, with the non-serializable part marked transient (so it is left behind). */
  static final class Cached implements Serializable {
    private static final long serialVersionUID = 1L;

    final int offset;
    transient Thread owner;

    Cached(int offset, Thread owner) {
      this.offset = offset;
      this.owner = owner;
    }
  }

  /** A function written as a class, not a lambda, with a non-serializable field. */
  static final class Prefixer implements MapFunction<Integer, String> {
    private static final long serialVersionUID = 1L;

    private final Connection connection;

    Prefixer(Connection connection) {
      this.connection = connection;
    }

    @Override
    public String call(Integer value) {
      return connection.url + value;
    }
  }

  @Test
  void testCapturedPrimitivesStringsListsMapsArraysAndRecordsArriveIntact() {
    List<Integer> input = SampleRows.integers(17, 500, 0.0);
    int offset = 7;
    String prefix = "é-";
    List<String> names = List.of("zero", "one", "two");
    List<Integer> mutable = new ArrayList<>(List.of(3, 1, 4, 1, 5));
    Map<Integer, String> lookup = new HashMap<>(Map.of(0, "even", 1, "odd"));
    long[] weights = {2, 3, 5};
    Bounds bounds = new Bounds(-50, "in");

    List<String> actual = sluice.parallelize(input, 3)
        .map(x -> prefix + (x + offset) + names.get(Math.floorMod(x, 3)) + mutable.get(Math.floorMod(x, 5))
            + lookup.get(Math.floorMod(x, 2)) + weights[Math.floorMod(x, 3)] + (x >= bounds.low() ? bounds.label() : "out"))
        .collect();

    assertThat(actual).containsExactlyElementsOf(input.stream()
        .map(x -> prefix + (x + offset) + names.get(Math.floorMod(x, 3)) + mutable.get(Math.floorMod(x, 5))
            + lookup.get(Math.floorMod(x, 2)) + weights[Math.floorMod(x, 3)] + (x >= bounds.low() ? bounds.label() : "out"))
        .collect(Collectors.toList()));
  }

  @Test
  void testCapturedSerializableObjectsWithTransientFieldsRun() {
    Cached cached = new Cached(100, Thread.currentThread());
    Job job = new Job("ok", new Settings(3, "a string lock is serializable"));

    assertThat(sluice.parallelize(List.of(1, 2, 3), 2).map(x -> x + cached.offset).collect())
        .containsExactly(101, 102, 103);
    assertThat(sluice.parallelize(List.of(1, 2, 3), 2).map(x -> x * job.settings.factor).collect())
        .containsExactly(3, 6, 9);
  }

  @Test
  void testCapturingAPlainObjectFailsAtTheTransformationNamingItsClass() {
    Object lock = new Object();
    Dataset<Integer> numbers = sluice.parallelize(List.of(1, 2, 3), 2);

    assertNotSerializable(() -> numbers.map(x -> x + lock.hashCode()), "java.lang.Object");
    assertNotSerializable(() -> numbers.filter(x -> lock.hashCode() != x), "java.lang.Object");
  }

  @Test
  void testCapturingAThreadFailsAtTheTransformationNamingItsClass() {
    Thread thread = Thread.currentThread();
    Dataset<String> strings = sluice.parallelize(List.of("a", "b"), 2);

    assertNotSerializable(() -> strings.map(s -> s + thread.getName()), "java.lang.Thread");
  }

  @Test
  void testCapturingAnInstanceOfANonSerializableClassFailsForEveryKindOfFunction() {
    Connection connection = new Connection("db://");
    String name = Connection.class.getName();
    Dataset<Integer> numbers = sluice.parallelize(List.of(1, 2, 3), 2);
    LongDataset range = sluice.range(0, 10);

    assertNotSerializable(() -> numbers.map(x -> connection.url + x), name);
    assertNotSerializable(() -> numbers.map(x -> connection.url + x, String.class), name);
    assertNotSerializable(() -> numbers.flatMap(x -> List.of(connection.url).iterator()), name);
    assertNotSerializable(() -> numbers.filter(x -> connection.url.isEmpty()), name);
    assertNotSerializable(() -> numbers.mapPartitions(rows -> List.of(connection.url).iterator()), name);
    assertNotSerializable(() -> numbers.mapToLong(x -> connection.url.length()), name);
    assertNotSerializable(() -> numbers.reduce((a, b) -> a + connection.url.length()), name);
    assertNotSerializable(() -> numbers.fold(0, (a, b) -> a + connection.url.length()), name);
    assertNotSerializable(() -> numbers.foreach(x -> connection.url.length()), name);
    assertNotSerializable(() -> range.map(x -> x + connection.url.length()), name);
    assertNotSerializable(() -> range.filter(x -> x > connection.url.length()), name);
    assertNotSerializable(() -> range.mapToObj(x -> connection.url + x), name);
    assertNotSerializable(() -> range.reduce((a, b) -> a + connection.url.length()), name);
  }

  @Test
  void testARecordThatIsNotDeclaredSerializableIsNamed() {
    Word word = new Word("w", 1);
    Dataset<Integer> numbers = sluice.parallelize(List.of(1, 2, 3), 2);

    assertNotSerializable(() -> numbers.map(x -> x + word.length()), Word.class.getName());
  }

  @Test
  void testANonSerializableLocalClassIsNamed() {
    class LocalCounter {
      int count;
    }
    LocalCounter counter = new LocalCounter();
    Dataset<Integer> numbers = sluice.parallelize(List.of(1, 2, 3), 2);

    assertNotSerializable(() -> numbers.map(x -> x + counter.count), LocalCounter.class.getName());
  }

  @Test
  void testANonSerializableFieldOfACapturedObjectIsNamedWithTheField() {
    Job job = new Job("nightly", new Settings(2, new Object()));
    Dataset<Integer> numbers = sluice.parallelize(List.of(1, 2, 3), 2);

    assertThatThrownBy(() -> numbers.map(x -> x * job.settings.factor))
        .isInstanceOfSatisfying(EngineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_NOT_SERIALIZABLE))
        .hasMessageContaining("'settings'")
        .hasMessageContaining("'lock'")
        .hasMessageContaining("java.lang.Object");
  }

  @Test
  void testAFunctionClassWithANonSerializableFieldIsRefusedNamingTheField() {
    Dataset<Integer> numbers = sluice.parallelize(List.of(1, 2, 3), 2);

    assertThatThrownBy(() -> numbers.map(new Prefixer(new Connection("x"))))
        .isInstanceOfSatisfying(EngineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_NOT_SERIALIZABLE))
        .hasMessageContaining("'connection'")
        .hasMessageContaining(Connection.class.getName());
  }

  @Test
  void testNonSerializableElementsOfCapturedCollectionsAreFound() {
    List<Object> list = new ArrayList<>(Arrays.asList("fine", 1, new Object()));
    Map<String, Object> map = new HashMap<>(Map.of("k", Thread.currentThread()));
    Object[] array = {"fine", new Connection("y")};
    Dataset<Integer> numbers = sluice.parallelize(List.of(1, 2, 3), 2);

    assertNotSerializable(() -> numbers.map(x -> x + list.size()), "java.lang.Object");
    assertNotSerializable(() -> numbers.map(x -> x + map.size()), "java.lang.Thread");
    assertNotSerializable(() -> numbers.map(x -> x + array.length), Connection.class.getName());
  }

  @Test
  void testARefusedFunctionLeavesTheDatasetUsable() {
    Consumer<String> notSerializable = s -> { };
    Dataset<String> strings = sluice.parallelize(List.of("a", "b", "c"), 2);

    assertNotSerializable(() -> strings.map(s -> {
      notSerializable.accept(s);
      return s;
    }), "TestClosureSerialization");
    assertThatCode(() -> strings.map(String::toUpperCase)).doesNotThrowAnyException();
    assertThat(strings.map(String::toUpperCase).collect()).containsExactly("A", "B", "C");
  }

  private static void assertNotSerializable(ThrowingCallable call, String className) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(EngineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_NOT_SERIALIZABLE))
        .hasMessageContaining(className);
  }
}
