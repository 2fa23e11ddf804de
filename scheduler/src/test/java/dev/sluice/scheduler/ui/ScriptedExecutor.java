package dev.sluice.scheduler.ui;

import dev.sluice.scheduler.actor.TaskBroker;
import dev.sluice.scheduler.protocol.ExecutorProtocol;
import dev.sluice.scheduler.protocol.FetchFailedException;
import dev.sluice.scheduler.protocol.TaskMetrics;
import dev.sluice.scheduler.protocol.TaskOutcome;
import dev.sluice.scheduler.shuffle.MapStatus;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A hand-written executor for scheduler tests: registers with the real broker, pulls tasks and
 * "runs" them by reading a script from the task binary ({@code key=value;...}): {@code
 * shuffle=<id>} makes it a map task (it reports a map status), {@code rows}, {@code bytes} and
 * {@code rowsIn} become its metrics, {@code gpu} makes its device the GPU with {@code
 * gpuFallback=<batches>} fallen back to the CPU, and {@code fetchFail=<shuffleId>} makes attempt 0
 * of the task fail as if map output 0 of that shuffle were lost.
 */
final class ScriptedExecutor {
  private ScriptedExecutor() {}

  /** A task's script. */
  static byte[] script(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static Behavior<ExecutorProtocol.Command> create(String executorId, int slots, ActorRef<TaskBroker.Command> broker) {
    return Behaviors.setup(context -> {
      broker.tell(new TaskBroker.RegisterExecutor(executorId, slots, context.getSelf()));
      for (int slot = 0; slot < slots; slot++) {
        broker.tell(new TaskBroker.RequestTask(executorId, slot));
      }
      return Behaviors.receive(ExecutorProtocol.Command.class)
          .onMessage(ExecutorProtocol.LaunchTask.class, launch -> {
            run(executorId, launch);
            broker.tell(new TaskBroker.RequestTask(executorId, launch.slot()));
            return Behaviors.same();
          })
          .onAnyMessage(message -> Behaviors.same())
          .build();
    });
  }

  private static void run(String executorId, ExecutorProtocol.LaunchTask launch) {
    var task = launch.task();
    Map<String, String> script = new HashMap<>();
    for (String pair : new String(task.binary(), StandardCharsets.UTF_8).split(";")) {
      String[] kv = pair.split("=", 2);
      script.put(kv[0], kv.length > 1 ? kv[1] : "");
    }
    if (script.containsKey("fetchFail") && task.attempt() == 0) {
      int shuffleId = Integer.parseInt(script.get("fetchFail"));
      task.replyTo().tell(new TaskOutcome.Failed(task.key(), task.attempt(), executorId,
          new FetchFailedException(shuffleId, 0, "the file is gone", null)));
      return;
    }
    long rows = Long.parseLong(script.getOrDefault("rows", "0"));
    long bytes = Long.parseLong(script.getOrDefault("bytes", "0"));
    long rowsIn = Long.parseLong(script.getOrDefault("rowsIn", "0"));
    boolean map = script.containsKey("shuffle");
    TaskMetrics metrics = new TaskMetrics(rows, 1_000_000, 4096, map ? 0 : 8, 0, rowsIn, map ? 0 : rowsIn * 10,
        map ? bytes : 0, 0, script.containsKey("gpu") ? "GPU" : "CPU",
        Long.parseLong(script.getOrDefault("gpuFallback", "0")),
        List.of(new TaskMetrics.OperatorStat("Sink", rows, 300),
            new TaskMetrics.OperatorStat("Source", rowsIn, 700)));
    MapStatus status = map ? new MapStatus(executorId, "/tmp/shuffle-" + script.get("shuffle") + "-"
        + task.key().partition() + "-" + task.attempt() + ".data", new long[] {bytes / 2, bytes - bytes / 2}) : null;
    task.replyTo().tell(new TaskOutcome.Succeeded(task.key(), task.attempt(), executorId,
        script(Long.toString(rows)), metrics, status));
  }
}
