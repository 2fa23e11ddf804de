package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.scheduler.event.SchedulerEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DROPMALFORMED drops show up in the job's task metrics, which reach the session's listeners. */
class TestMalformedRecordMetrics {
  @Test
  void testDroppedRecordsAreCountedInTaskMetrics(@TempDir Path directory) throws Exception {
    Files.writeString(directory.resolve("a.csv"), "id,amount\n1,10\nx,20\n3,30\n4\n");
    Files.writeString(directory.resolve("b.csv"), "id,amount\n5,oops\n6,60\n");
    List<SchedulerEvent> events = new CopyOnWriteArrayList<>();
    try (Sluice sluice = Sluice.builder().master("local[2]").appName("dropmalformed").listener(events::add)
        .getOrCreate()) {
      DataFrame frame = sluice.read().schema("id BIGINT, amount BIGINT").option("header", "true")
          .option("mode", "DROPMALFORMED").csv(directory.toString());
      assertThat(frame.collectAsList().stream().map(r -> r.getLong(0)).sorted().toList()).containsExactly(1L, 3L, 6L);
    }
    long dropped = events.stream().filter(e -> e instanceof SchedulerEvent.TaskSucceeded)
        .mapToLong(e -> ((SchedulerEvent.TaskSucceeded) e).metrics().droppedRecords()).sum();
    assertThat(dropped).isEqualTo(3);
  }
}
