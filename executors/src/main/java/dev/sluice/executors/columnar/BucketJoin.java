package dev.sluice.executors.columnar;

import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.VectorBatch;
import java.util.BitSet;
import java.util.function.Supplier;

/**
 * Joins one build input with one probe input: the whole join when the build side fits in memory,
 * or one partition pair of a grace hash join.
 *
 * <p>The build rows are loaded into a {@link JoinTable} until the memory budget is reached (at
 * least one batch). If that holds them all (single pass), the probe input streams through the
 * table once: matched pairs come out chunk by chunk, and a probe batch's unmatched (outer, anti)
 * or matched (semi) rows right after its walk. If not (a partition too large for the budget, e.g.
 * one key with a huge fan-out), the build rows are joined chunk by chunk, each chunk against the
 * whole probe input read again (so that must be a spill file); probe rows' matched flags are kept
 * in a bitmap by position, and the probe rows decided by them come out in a final pass. Build rows
 * without a match (outer, anti) or with one (semi) come out after each chunk's probe pass.
 *
 * <pre>
 *   LOAD ──▶ PROBE ──▶ BUILD_ROWS ──▶ LOAD (next chunk) | FINAL_PASS (multi-pass) | DONE
 * </pre>
 */
final class BucketJoin implements AutoCloseable {
  private enum State { LOAD, PROBE, BUILD_ROWS, FINAL_PASS, DONE }

  private final JoinSpec spec;
  private final long budget;
  /** Build rows not loaded yet, or null when the table came complete. */
  private final BatchSource build;
  /** Opens the probe input; called once per pass. */
  private final Supplier<BatchSource> probe;
  private final int[] probeRows;
  private final int[] buildRows;
  private State state;
  private JoinTable table;
  /** A build batch read past the budget, first of the next chunk. */
  private VectorBatch pendingBuild;
  private boolean multiPass;
  private boolean firstLoad = true;
  /** Multi-pass: matched probe rows by position in the probe input. */
  private BitSet probeMatches;
  /** The probe input of this pass. */
  private BatchSource probeSource;
  /** The probe batch being joined, its walk, its position in the probe input, the next tail row. */
  private VectorBatch probeBatch;
  private JoinProbe walk;
  private long probePosition;
  private int tailRow;
  /** Final pass: the probe batch's matched flags, from the bitmap. */
  private boolean[] finalMatched;
  /** The next build row to consider for output after a probe pass. */
  private int buildRow;
  private long buildChunks;

  /**
   * @param spec what the join outputs
   * @param budget the memory budget of a table chunk
   * @param table a finished table of all build rows, or null to load them from {@code build}
   * @param build the build rows, when {@code table} is null
   * @param probe opens the probe input; it may be called again (once per chunk) only when
   *     {@code table} is null
   */
  BucketJoin(JoinSpec spec, long budget, JoinTable table, BatchSource build, Supplier<BatchSource> probe) {
    this.spec = spec;
    this.budget = budget;
    this.table = table;
    this.build = build;
    this.probe = probe;
    this.probeRows = new int[spec.capacity];
    this.buildRows = new int[spec.capacity];
    if (table != null) {
      firstLoad = false;
      buildChunks = 1;
      startProbePass();
    } else {
      state = State.LOAD;
    }
  }

  /** Table chunks loaded so far (more than one: the build rows did not fit in the budget). */
  long buildChunks() {
    return buildChunks;
  }

  /** The next output batch (1 to {@code capacity} rows), or null when the join is done. */
  VectorBatch next() {
    while (true) {
      VectorBatch out = switch (state) {
        case LOAD -> {
          load();
          yield null;
        }
        case PROBE -> probe();
        case BUILD_ROWS -> buildRows();
        case FINAL_PASS -> finalPass();
        case DONE -> null;
      };
      if (out != null || state == State.DONE) {
        return out;
      }
    }
  }

  private void load() {
    JoinTable chunk = null;
    while (true) {
      VectorBatch batch = pendingBuild != null ? pendingBuild : build.next();
      pendingBuild = null;
      if (batch == null) {
        break;
      }
      ColumnData[] keys = spec.buildKeys.evaluate(batch);
      if (chunk == null) {
        chunk = new JoinTable(batch.schema(), spec.buildKeys);
      } else if (chunk.sizeInBytes() + JoinTable.sizeOf(batch, keys, spec.buildKeys) > budget) {
        pendingBuild = batch;
        break;
      }
      chunk.append(batch, keys, JoinKeys.hash(keys, batch.rowCount()));
    }
    if (chunk == null) {
      table = JoinTable.empty(spec.buildKeys);
    } else {
      chunk.finish(spec.tracksBuild());
      table = chunk;
    }
    buildChunks++;
    if (firstLoad) {
      firstLoad = false;
      multiPass = pendingBuild != null;
      if (multiPass && spec.tracksProbe()) {
        probeMatches = new BitSet();
      }
    }
    startProbePass();
  }

  private void startProbePass() {
    buildRow = 0;
    if (table.rows() == 0 && !spec.probeRowsWithoutBuild()) {
      state = State.BUILD_ROWS;
      return;
    }
    probeSource = probe.get();
    probePosition = 0;
    state = State.PROBE;
  }

  private VectorBatch probe() {
    if (probeBatch == null && !nextProbeBatch()) {
      probeSource.close();
      probeSource = null;
      buildRow = 0;
      state = State.BUILD_ROWS;
      return null;
    }
    if (!walk.walked()) {
      int count = walk.candidates(probeRows, buildRows, spec.capacity, spec.probeSemi || spec.probeAnti);
      count = spec.filter(probeBatch, probeRows, table, buildRows, count);
      boolean[] probeMatched = walk.matched();
      boolean[] buildMatched = table.matched();
      for (int i = 0; i < count; i++) {
        probeMatched[probeRows[i]] = true;
      }
      if (buildMatched != null) {
        for (int i = 0; i < count; i++) {
          buildMatched[buildRows[i]] = true;
        }
      }
      return spec.pairs && count > 0 ? spec.output(probeBatch, probeRows, table, buildRows, count) : null;
    }
    if (multiPass || !spec.tracksProbe()) {
      if (probeMatches != null) {
        boolean[] matched = walk.matched();
        for (int i = 0; i < matched.length; i++) {
          if (matched[i]) {
            probeMatches.set(Math.toIntExact(probePosition + i));
          }
        }
      }
      probePosition += probeBatch.rowCount();
      probeBatch = null;
      return null;
    }
    VectorBatch out = probeRowsByMatch(walk.matched());
    if (out == null) {
      probeBatch = null;
    }
    return out;
  }

  private boolean nextProbeBatch() {
    VectorBatch batch = probeSource.next();
    if (batch == null) {
      return false;
    }
    int rows = batch.rowCount();
    ColumnData[] keys = spec.probeKeys.evaluate(batch);
    boolean[] matched = new boolean[rows];
    if (probeMatches != null) {
      for (int i = 0; i < rows; i++) {
        matched[i] = probeMatches.get(Math.toIntExact(probePosition + i));
      }
    }
    probeBatch = batch;
    walk = new JoinProbe(table, keys, JoinKeys.hash(keys, rows), rows, matched);
    if (spec.firstMatchOnly()) {
      walk.markFirstMatches();
    }
    tailRow = 0;
    return true;
  }

  /**
   * The next chunk of the probe batch's rows decided by their matched flags: unmatched ones for an
   * outer or anti join, matched ones for a semi join; null when none is left.
   */
  private VectorBatch probeRowsByMatch(boolean[] matched) {
    boolean wanted = spec.probeSemi;
    int rows = probeBatch.rowCount();
    int count = 0;
    while (tailRow < rows && count < spec.capacity) {
      if (matched[tailRow] == wanted) {
        probeRows[count++] = tailRow;
      }
      tailRow++;
    }
    if (count == 0) {
      return null;
    }
    return spec.output(probeBatch, probeRows, table, null, count);
  }

  private VectorBatch buildRows() {
    boolean[] matched = table.matched();
    if (matched != null) {
      boolean wanted = spec.buildSemi;
      int rows = table.rows();
      int count = 0;
      while (buildRow < rows && count < spec.capacity) {
        if (matched[buildRow] == wanted) {
          buildRows[count++] = buildRow;
        }
        buildRow++;
      }
      if (count > 0) {
        return spec.output(null, null, table, buildRows, count);
      }
    }
    table = null;
    if (pendingBuild != null) {
      state = State.LOAD;
    } else if (multiPass && spec.tracksProbe()) {
      table = JoinTable.empty(spec.buildKeys);
      probeSource = probe.get();
      probePosition = 0;
      state = State.FINAL_PASS;
    } else {
      state = State.DONE;
    }
    return null;
  }

  private VectorBatch finalPass() {
    if (probeBatch == null) {
      VectorBatch batch = probeSource.next();
      if (batch == null) {
        probeSource.close();
        probeSource = null;
        table = null;
        state = State.DONE;
        return null;
      }
      boolean[] matched = new boolean[batch.rowCount()];
      for (int i = 0; i < matched.length; i++) {
        matched[i] = probeMatches.get(Math.toIntExact(probePosition + i));
      }
      probeBatch = batch;
      tailRow = 0;
      finalMatched = matched;
    }
    VectorBatch out = probeRowsByMatch(finalMatched);
    if (out == null) {
      probePosition += probeBatch.rowCount();
      probeBatch = null;
    }
    return out;
  }

  @Override
  public void close() {
    if (probeSource != null) {
      probeSource.close();
      probeSource = null;
    }
    if (build != null) {
      build.close();
    }
    table = null;
    probeBatch = null;
    pendingBuild = null;
    state = State.DONE;
  }
}
