package dev.sluice.scheduler.cluster;

import static java.util.Objects.requireNonNull;

import dev.sluice.scheduler.actor.TaskBroker;
import dev.sluice.scheduler.protocol.WireMessage;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/** Messages a worker understands (sent by the {@link Master}). */
public final class WorkerProtocol {
  private WorkerProtocol() {}

  /** What a worker understands. */
  public interface Command extends WireMessage {}

  /**
   * The master accepted the worker's registration.
   *
   * @param master the master (the singleton's current incarnation)
   */
  public record WorkerRegistered(ActorRef<MasterProtocol.Command> master) implements Command {}

  /**
   * Start an executor for an application: fetch its jars from the driver, load them in a class
   * loader of their own, and register the executor's slots with the driver's broker.
   *
   * @param appId the application
   * @param executorId the executor's unique name
   * @param cores its slots
   * @param broker the driver's task broker
   * @param driverData the driver's Arrow Flight data server
   * @param jars references of the application's jars on the driver's data server
   * @param settings the session's executor settings
   */
  public record LaunchExecutor(String appId, String executorId, int cores, ActorRef<TaskBroker.Command> broker,
      String driverData, List<String> jars, Map<String, String> settings) implements Command {
    public LaunchExecutor {
      requireNonNull(appId, "appId is null");
      requireNonNull(executorId, "executorId is null");
      requireNonNull(broker, "broker is null");
      requireNonNull(driverData, "driverData is null");
      jars = List.copyOf(jars);
      settings = Map.copyOf(settings);
    }
  }

  /**
   * Stop the application's executor and delete its files (the driver ended or was lost).
   *
   * @param appId the application
   * @param reason why, for the log
   */
  public record KillApplication(String appId, String reason) implements Command {}
}
