package dev.sluice.api;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.scheduler.event.SchedulerEvent;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** User errors fail at the call that made them, before any job runs, naming what is wrong and what exists. */
class TestDataFrameErrors {
  private static final AtomicInteger JOBS = new AtomicInteger();
  private static Sluice sluice;
  private static DataFrame facts;

  /** A record whose components map to columns of the facts by name. */
  record Fact(long id, Integer k, String g) {}

  /** A record with a component no column has. */
  record Missing(long id, String nope) {}

  @BeforeAll
  static void start() {
    sluice = KeyedRows.sessionBuilder("dataframe-errors").listener(event -> {
      if (event instanceof SchedulerEvent.JobSubmitted) {
        JOBS.incrementAndGet();
      }
    }).getOrCreate();
    facts = sluice.createDataFrame(FrameRows.facts(1, 50), FrameRows.FACTS);
  }

  @AfterAll
  static void stop() {
    sluice.close();
  }

  private static void assertFails(ThrowingCallable call, ErrorCode code, String... fragments) {
    int before = JOBS.get();
    assertThatThrownBy(call).isInstanceOfSatisfying(EngineException.class, e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.getMessage()).contains(fragments);
    });
    assertThat(JOBS.get()).as("jobs submitted").isEqualTo(before);
  }

  @Test
  void testUnknownColumnsListWhatIsAvailable() {
    assertFails(() -> facts.select(col("id"), col("nope")), ErrorCode.COLUMN_NOT_FOUND, "nope", "id", "k", "g",
        "select at TestDataFrameErrors.java");
    assertFails(() -> facts.filter(col("nope").gt(1)), ErrorCode.COLUMN_NOT_FOUND, "nope", "id");
    assertFails(() -> facts.withColumn("y", col("nope").plus(1)), ErrorCode.COLUMN_NOT_FOUND, "nope");
    assertFails(() -> facts.groupBy("nope").count(), ErrorCode.COLUMN_NOT_FOUND, "nope");
    assertFails(() -> facts.groupBy("k").agg(sum("nope")), ErrorCode.COLUMN_NOT_FOUND, "nope");
    assertFails(() -> facts.orderBy("nope"), ErrorCode.COLUMN_NOT_FOUND, "nope");
    assertFails(() -> facts.col("nope"), ErrorCode.COLUMN_NOT_FOUND, "nope", "[id, k, g, x, d, m, t, b]");
    assertFails(() -> facts.select("id").filter(col("k").gt(1)), ErrorCode.COLUMN_NOT_FOUND, "k", "id");
    assertFails(() -> facts.alias("f").select(col("f.nope")), ErrorCode.COLUMN_NOT_FOUND, "f.nope", "[id, k, g");
  }

  @Test
  void testJoinErrors() {
    DataFrame other = facts.select("id", "g");
    assertFails(() -> facts.join(other, "k"), ErrorCode.COLUMN_NOT_FOUND, "USING column 'k'", "right side",
        "[id, g]");
    assertFails(() -> facts.join(other, List.of("id"), "sideways"), ErrorCode.INVALID_ARGUMENT,
        "Unknown join type 'sideways'");
    assertFails(() -> facts.join(facts, facts.col("id").equalTo(facts.col("id"))), ErrorCode.AMBIGUOUS_REFERENCE,
        "alias");
    assertFails(() -> facts.join(other, col("nope").equalTo(other.col("id"))), ErrorCode.COLUMN_NOT_FOUND, "nope");
  }

  @Test
  void testTypeMismatchesNameTheExpression() {
    int before = JOBS.get();
    assertThatThrownBy(() -> facts.filter(col("g"))).isInstanceOf(EngineException.class)
        .hasMessageContaining("g");
    assertThatThrownBy(() -> facts.select(col("t").plus(col("b")))).isInstanceOfSatisfying(EngineException.class,
        e -> assertThat(e.code()).isIn(ErrorCode.TYPE_MISMATCH, ErrorCode.INVALID_QUERY));
    assertThat(JOBS.get()).isEqualTo(before);
  }

  @Test
  void testTypedBridgeErrors() {
    assertFails(() -> facts.as(Missing.class), ErrorCode.COLUMN_NOT_FOUND, "Missing.nope", "[id, k, g, x");
    assertFails(() -> facts.select("g").as(Long.class), ErrorCode.TYPE_MISMATCH, "'g'", "utf8");
    assertFails(() -> facts.as(Long.class), ErrorCode.INVALID_QUERY, "8 columns");
    assertFails(() -> facts.as(Object.class), ErrorCode.UNSUPPORTED_TYPE, "as(Object.class)");
    assertThat(facts.as(Fact.class)).isNotNull();
  }

  @Test
  void testArgumentErrors() {
    assertFails(() -> facts.limit(-1), ErrorCode.INVALID_ARGUMENT, "limit");
    assertFails(() -> facts.orderBy(new Column[0]), ErrorCode.INVALID_ARGUMENT, "at least one column");
    assertFails(() -> facts.select(col("id").desc()), ErrorCode.INVALID_ARGUMENT, "orderBy");
    assertFails(() -> sluice.createDataFrame(List.of(RowFactory.create("x")), FrameRows.FACTS),
        ErrorCode.INVALID_ARGUMENT, "has 1 values");
    assertFails(() -> facts.toDF("a"), ErrorCode.INVALID_ARGUMENT, "1 names for the 8 columns");
  }
}
