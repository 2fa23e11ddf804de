package dev.sluice.executors.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.plan.physical.Partitioning;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.VectorBatch;
import dev.sluice.executors.columnar.AggregateData;
import dev.sluice.executors.columnar.GivenBatches;
import dev.sluice.executors.runtime.ExecutorEnvironment;
import dev.sluice.executors.runtime.TaskChannel;
import dev.sluice.executors.runtime.TaskContext;
import dev.sluice.executors.shuffle.ClusterShuffleBlocks;
import dev.sluice.executors.shuffle.LocalShuffleBlocks;
import dev.sluice.executors.shuffle.ShuffleFiles;
import dev.sluice.executors.shuffle.ShuffleWriteSink;
import dev.sluice.scheduler.cluster.ClusterKeys;
import dev.sluice.scheduler.protocol.TaskKey;
import dev.sluice.scheduler.shuffle.MapOutputRegistry;
import dev.sluice.scheduler.shuffle.MapStatus;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shuffle files written by {@link ShuffleWriteSink} on a "worker" served by {@link
 * ShuffleFileSource} over mutual TLS: every partition an executor of another worker fetches with
 * {@link ClusterShuffleBlocks} equals what {@link LocalShuffleBlocks} reads from the file; nothing
 * outside the worker's directory, or not a shuffle data file, is served; map output tables travel
 * from the driver ({@link MapOutputSource}) to executors ({@link RemoteMapOutputs}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TestShuffleTransfer {
  private static final int SHUFFLE = 4;
  private static final int PARTITIONS = 6;

  @TempDir
  static Path directory;

  private static BufferAllocator allocator;
  private static DataServer worker;
  private static DataClient client;
  private static Path workerRoot;
  private static final List<MapStatus> STATUSES = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    ClusterKeys keys = ClusterKeys.generate(directory.resolve("keys"));
    allocator = new RootAllocator();
    workerRoot = Files.createDirectories(directory.resolve("worker"));
    worker = DataServer.start(allocator, "127.0.0.1", 0, keys);
    worker.serve(ShuffleFileSource.PREFIX, new ShuffleFileSource(workerRoot));
    client = new DataClient(allocator, keys);
    writeMapOutputs();
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (worker != null) {
      worker.close();
    }
    if (allocator != null) {
      allocator.close();
    }
  }

  /** Three map tasks of a columnar hash shuffle, the last with so few rows that some partitions are empty. */
  private static void writeMapOutputs() {
    ExecutorEnvironment environment = new ExecutorEnvironment("executor-1", workerRoot.resolve("executor-1"),
        new MapOutputRegistry(), LocalShuffleBlocks.INSTANCE, TaskChannel.INLINE, worker.location());
    OperatorContext operators = new OperatorContext("job-0/stage-0/task", allocator, 4096, 65536, Long.MAX_VALUE,
        workerRoot.resolve("spill"));
    Partitioning partitioning = new Partitioning.HashColumns(PARTITIONS, List.of(AggregateData.column(1)));
    int[] rows = {40_000, 9_000, 3};
    for (int map = 0; map < rows.length; map++) {
      List<Batch> batches = new ArrayList<>();
      for (VectorBatch batch : AggregateData.random(map, rows[map], 4000, 500, 0.1)) {
        batches.add(ArrowColumns.write(batch, allocator));
      }
      ShuffleWriteSink sink = new ShuffleWriteSink(SHUFFLE, partitioning,
          new TaskContext(operators, environment, new TaskKey(0, 0, map), 0));
      try (GivenBatches source = new GivenBatches(batches)) {
        sink.drain(source, operators);
      }
      STATUSES.add(sink.mapStatus());
    }
  }

  @Test
  void everyRemotePartitionEqualsTheLocalRead() throws IOException {
    ClusterShuffleBlocks elsewhere = new ClusterShuffleBlocks(client, "grpc+tls://127.0.0.1:1");
    int empty = 0;
    for (MapStatus status : STATUSES) {
      assertThat(status.location()).isEqualTo(worker.location());
      for (int partition = 0; partition < PARTITIONS; partition++) {
        byte[] local = LocalShuffleBlocks.INSTANCE.read(status, partition);
        byte[] remote = elsewhere.read(status, partition);
        assertThat(remote.length).as("partition " + partition + " of " + status).isEqualTo(local.length);
        assertThat(Arrays.mismatch(remote, local)).as("partition " + partition + " of " + status).isEqualTo(-1);
        empty += local.length == 0 ? 1 : 0;
        byte[] fetched = client.fetch(worker.location(), ShuffleFileSource.ticket(status.dataFile(), partition));
        assertThat(Arrays.mismatch(fetched, local)).isEqualTo(-1);
      }
    }
    assertThat(empty).as("some partitions are empty").isPositive();
  }

  @Test
  void ownOutputsAreReadFromTheFile() throws IOException {
    MapStatus status = STATUSES.get(0);
    String unreachable = unusedLocation();
    MapStatus own = new MapStatus(status.executorId(), unreachable, status.dataFile(), status.partitionBytes());
    MapStatus local = new MapStatus(status.executorId(), status.dataFile(), status.partitionBytes());
    ClusterShuffleBlocks blocks = new ClusterShuffleBlocks(client, unreachable);
    assertThat(blocks.read(own, 1)).isEqualTo(LocalShuffleBlocks.INSTANCE.read(status, 1));
    assertThat(blocks.read(local, 1)).isEqualTo(LocalShuffleBlocks.INSTANCE.read(status, 1));
  }

  @Test
  void lostWorkerIsAnIOExceptionForTheFetchFailurePath() throws IOException {
    MapStatus status = STATUSES.get(0);
    String gone = unusedLocation();
    MapStatus lost = new MapStatus(status.executorId(), gone, status.dataFile(), status.partitionBytes());
    assertThatThrownBy(() -> new ClusterShuffleBlocks(client, worker.location()).read(lost, 0))
        .isInstanceOf(IOException.class).hasMessageContaining(gone);
  }

  @Test
  void missingFileIsNotFound() throws IOException {
    Path gone = workerRoot.resolve("executor-1").resolve("shuffle_99_0_0.data");
    assertThatThrownBy(() -> client.fetch(worker.location(), ShuffleFileSource.ticket(gone.toString(), 0)))
        .isInstanceOf(FileNotFoundException.class).hasMessageContaining("shuffle_99_0_0.data");
  }

  @Test
  void onlyShuffleDataFilesUnderTheRootAreServed() throws IOException {
    Path outside = Files.createDirectories(directory.resolve("outside"));
    Path secret = Files.copy(Path.of(STATUSES.get(0).dataFile()), outside.resolve("shuffle_1_0_0.data"));
    Files.copy(ShuffleFiles.indexFile(Path.of(STATUSES.get(0).dataFile())), outside.resolve("shuffle_1_0_0.index"));
    Path executor = workerRoot.resolve("executor-1");
    Files.writeString(executor.resolve("notes.txt"), "private");
    Files.createSymbolicLink(executor.resolve("shuffle_2_0_0.data"), secret);
    Files.createSymbolicLink(executor.resolve("shuffle_2_0_0.index"), ShuffleFiles.indexFile(secret));
    String escape = executor + "/../../outside/shuffle_1_0_0.data";
    for (String name : List.of(escape, secret.toString(), executor.resolve("notes.txt").toString(), "/etc/passwd",
        executor.resolve("shuffle_2_0_0.data").toString(), "relative/shuffle_1_0_0.data")) {
      assertThatThrownBy(() -> client.fetch(worker.location(), ShuffleFileSource.ticket(name, 0)))
          .as(name).isInstanceOf(IOException.class).hasMessageContaining("INVALID_ARGUMENT");
    }
    String data = STATUSES.get(0).dataFile();
    for (String ticket : List.of("shuffle/" + PARTITIONS + "/" + data, "shuffle/-1/" + data, "shuffle/x/" + data,
        "shuffle/" + data)) {
      assertThatThrownBy(() -> client.fetch(worker.location(), ticket)).as(ticket)
          .isInstanceOf(IOException.class).hasMessageContaining("INVALID_ARGUMENT");
    }
  }

  @Test
  void mapOutputsTravelFromTheDriver() {
    MapOutputRegistry registry = new MapOutputRegistry();
    registry.registerShuffle(SHUFFLE, STATUSES.size() + 1);
    for (int map = 0; map < STATUSES.size(); map++) {
      registry.register(SHUFFLE, map, STATUSES.get(map));
    }
    worker.serve(MapOutputSource.PREFIX, new MapOutputSource(registry));
    RemoteMapOutputs remote = new RemoteMapOutputs(client, worker.location());
    MapStatus[] outputs = remote.outputs(SHUFFLE);
    assertThat(outputs).containsExactly(registry.outputs(SHUFFLE));
    assertThat(outputs[STATUSES.size()]).isNull();
    assertThat(remote.outputs(SHUFFLE + 1)).isEmpty();
  }

  @Test
  void unreachableDriverIsAClearLookupFailure() throws IOException {
    String gone = unusedLocation();
    assertThatThrownBy(() -> new RemoteMapOutputs(client, gone).outputs(SHUFFLE))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("shuffle " + SHUFFLE).hasMessageContaining(gone)
        .satisfies(e -> assertThat(((EngineException) e).code()).isEqualTo(ErrorCode.SHUFFLE_OUTPUT_LOST));
  }

  private static String unusedLocation() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "grpc+tls://127.0.0.1:" + socket.getLocalPort();
    }
  }
}
