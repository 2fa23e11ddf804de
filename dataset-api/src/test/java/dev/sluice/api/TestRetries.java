package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.scheduler.event.SchedulerEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A failed task is retried, on another executor where there is one, up to sluice.task.maxAttempts. */
class TestRetries {
  private static final AtomicInteger CALLS_ON_SEVEN = new AtomicInteger();

  @BeforeEach
  void resetCounter() {
    CALLS_ON_SEVEN.set(0);
  }

  @Test
  void testTaskFailingOnceIsRetriedOnAnotherExecutorAndJobSucceeds() {
    List<SchedulerEvent> events = Collections.synchronizedList(new ArrayList<>());
    try (Sluice sluice = Sluice.builder().master("local[2]").appName("retry-once")
        .listener(events::add).getOrCreate()) {
      long sum = sluice.range(0, 20, 1, 4).map(TestRetries::failFirstTimeOnSeven).sum();
      assertThat(sum).isEqualTo(LongStream.range(0, 20).sum());
    }
    assertThat(CALLS_ON_SEVEN.get()).isEqualTo(2);
    List<SchedulerEvent.TaskFailed> failures = ofType(events, SchedulerEvent.TaskFailed.class);
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0).willRetry()).isTrue();
    int partition = failures.get(0).key().partition();
    List<SchedulerEvent.TaskLaunched> launches = ofType(events, SchedulerEvent.TaskLaunched.class).stream()
        .filter(launch -> launch.key().partition() == partition)
        .toList();
    assertThat(launches).extracting(SchedulerEvent.TaskLaunched::attempt).containsExactly(0, 1);
    assertThat(launches.get(1).executorId())
        .as("the retry runs on the other executor")
        .isNotEqualTo(launches.get(0).executorId());
  }

  @Test
  void testTaskAlwaysFailingFailsJobAfterExactlyMaxAttemptsWithUserExceptionAsCause() {
    List<SchedulerEvent> events = Collections.synchronizedList(new ArrayList<>());
    EngineException error;
    try (Sluice sluice = Sluice.builder().master("local[2]").appName("retry-always")
        .config("sluice.task.maxAttempts", "3").listener(events::add).getOrCreate()) {
      error = catchThrowableOfType(EngineException.class,
          () -> sluice.range(0, 20, 1, 4).map(TestRetries::alwaysFailOnSeven).sum());
    }
    assertThat(error).isNotNull();
    assertThat(error.code()).isEqualTo(ErrorCode.TASK_FAILED);
    assertThat(error.getMessage())
        .contains("stage 0", "partition 1", "failed 3 times", "sum at TestRetries.java");
    assertThat(error.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("no sevens here");
    assertThat(CALLS_ON_SEVEN.get()).isEqualTo(3);
    List<SchedulerEvent.TaskFailed> failures = ofType(events, SchedulerEvent.TaskFailed.class);
    assertThat(failures).extracting(SchedulerEvent.TaskFailed::attempt).containsExactly(0, 1, 2);
    assertThat(failures).extracting(SchedulerEvent.TaskFailed::willRetry).containsExactly(true, true, false);
  }

  @Test
  void testSessionStaysUsableAfterAFailedJob() {
    try (Sluice sluice = Sluice.builder().master("local[2]").appName("after-failure")
        .config("sluice.task.maxAttempts", "1").getOrCreate()) {
      catchThrowableOfType(EngineException.class,
          () -> sluice.range(0, 20, 1, 4).map(TestRetries::alwaysFailOnSeven).sum());
      assertThat(sluice.range(0, 20, 1, 4).count()).isEqualTo(20);
    }
  }

  private static long failFirstTimeOnSeven(long value) {
    if (value == 7 && CALLS_ON_SEVEN.incrementAndGet() == 1) {
      throw new IllegalStateException("first attempt fails");
    }
    return value;
  }

  private static long alwaysFailOnSeven(long value) {
    if (value == 7) {
      CALLS_ON_SEVEN.incrementAndGet();
      throw new IllegalStateException("no sevens here");
    }
    return value;
  }

  private static <E> List<E> ofType(List<SchedulerEvent> events, Class<E> type) {
    synchronized (events) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }
}
