package dev.sluice.scheduler.cluster;

import static java.util.Objects.requireNonNull;

import dev.sluice.scheduler.actor.TaskBroker;
import dev.sluice.scheduler.protocol.WireMessage;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/** Messages the cluster's {@link Master} understands, and its answers. */
public final class MasterProtocol {
  private MasterProtocol() {}

  /** What the master understands. */
  public interface Command extends WireMessage {}

  /**
   * A worker offers its resources. Sent until acknowledged with {@link WorkerProtocol.WorkerRegistered}.
   *
   * @param workerId unique name of the worker, e.g. {@code worker-127.0.0.1-25521}
   * @param host the host the worker runs on
   * @param cores task slots it gives each application's executor
   * @param memoryBytes memory it offers
   * @param dataLocation the worker's Arrow Flight data server ({@code grpc+tls://host:port})
   * @param worker where the master sends launches
   */
  public record RegisterWorker(String workerId, String host, int cores, long memoryBytes, String dataLocation,
      ActorRef<WorkerProtocol.Command> worker) implements Command {
    public RegisterWorker {
      requireNonNull(workerId, "workerId is null");
      requireNonNull(worker, "worker is null");
    }
  }

  /**
   * A driver starts an application: the master names it and asks every worker (and every worker
   * that joins later) to start an executor for it.
   *
   * @param name the application's name
   * @param broker the driver's task broker, where executors register and pull tasks
   * @param driverData the driver's Arrow Flight data server (jars, large task binaries, results)
   * @param jars references of the application's jars on the driver's data server
   * @param settings executor settings of the session ({@code sluice.*}: batch rows, task memory)
   * @param replyTo gets {@link ApplicationRegistered}
   */
  public record RegisterApplication(String name, ActorRef<TaskBroker.Command> broker, String driverData,
      List<String> jars, Map<String, String> settings, ActorRef<ApplicationRegistered> replyTo) implements Command {
    public RegisterApplication {
      requireNonNull(name, "name is null");
      requireNonNull(broker, "broker is null");
      requireNonNull(driverData, "driverData is null");
      jars = List.copyOf(jars);
      settings = Map.copyOf(settings);
      requireNonNull(replyTo, "replyTo is null");
    }
  }

  /**
   * The master's answer to {@link RegisterApplication}.
   *
   * @param appId the application's id, e.g. {@code app-20261122031500-0001}
   * @param workers how many workers were asked to start an executor for it
   */
  public record ApplicationRegistered(String appId, int workers) implements WireMessage {}

  /**
   * The driver's web UI is up: the master's UI links to it.
   *
   * @param appId the application
   * @param uiUrl the driver's UI
   */
  public record ApplicationUi(String appId, String uiUrl) implements Command {}

  /**
   * The driver ended its application (its session closed): the workers stop its executors.
   *
   * @param appId the application
   */
  public record UnregisterApplication(String appId) implements Command {}

  /**
   * Asks for the workers and applications the master knows.
   *
   * @param replyTo gets a {@link ClusterState}
   */
  public record GetClusterState(ActorRef<ClusterState> replyTo) implements Command {}

  /**
   * A worker as the master sees it.
   *
   * @param workerId the worker
   * @param host its host
   * @param cores its cores
   * @param memoryBytes its memory
   * @param state {@code ALIVE} or {@code DEAD}
   */
  public record WorkerInfo(String workerId, String host, int cores, long memoryBytes, String state)
      implements WireMessage {}

  /**
   * An application as the master sees it.
   *
   * @param appId the application
   * @param name its name
   * @param state {@code RUNNING} or {@code FINISHED}
   * @param executors workers running an executor for it
   * @param uiUrl the driver's web UI, or null when it has none
   */
  public record ApplicationInfo(String appId, String name, String state, List<String> executors, String uiUrl)
      implements WireMessage {
    public ApplicationInfo {
      executors = List.copyOf(executors);
    }
  }

  /**
   * The master's view of the cluster.
   *
   * @param workers every worker that registered, alive or dead
   * @param applications every application, running or finished
   */
  public record ClusterState(List<WorkerInfo> workers, List<ApplicationInfo> applications) implements WireMessage {
    public ClusterState {
      workers = List.copyOf(workers);
      applications = List.copyOf(applications);
    }
  }
}
