package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Closing the session cancels its running jobs: the waiting action fails and task threads end. */
class TestCancellation {
  private static final CountDownLatch STARTED = new CountDownLatch(1);
  private static final CountDownLatch NEVER = new CountDownLatch(1);

  @Test
  void testClosingTheSessionCancelsARunningJob() throws Exception {
    Sluice sluice = Sluice.builder().master("local[2]").appName("cancel").getOrCreate();
    CompletableFuture<Long> action = CompletableFuture.supplyAsync(
        () -> sluice.range(0, 4, 1, 2).boxed().mapPartitions(TestCancellation::blockForever, Long.class).count());
    assertThat(STARTED.await(60, TimeUnit.SECONDS)).as("a task started").isTrue();

    sluice.close();

    ExecutionException failure = org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class,
        () -> action.get(60, TimeUnit.SECONDS));
    assertThat(failure).isNotNull();
    assertThat(failure.getCause()).isInstanceOf(EngineException.class);
    assertThat(((EngineException) failure.getCause()).code()).isEqualTo(ErrorCode.JOB_CANCELLED);
    assertThat(failure.getCause()).hasMessageContaining("session was closed");
    assertThat(sluice.isClosed()).isTrue();
  }

  private static Iterator<Long> blockForever(Iterator<Long> rows) throws InterruptedException {
    STARTED.countDown();
    NEVER.await();
    return rows;
  }
}
