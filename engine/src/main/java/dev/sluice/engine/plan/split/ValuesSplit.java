package dev.sluice.engine.plan.split;

import static java.util.Objects.requireNonNull;

/**
 * Rows given by the driver ({@code parallelize}), already encoded as Arrow IPC.
 *
 * @param ipc the rows as encoded by {@code BatchCodec}
 * @param rows how many rows
 */
public record ValuesSplit(byte[] ipc, int rows) implements Split {
  public ValuesSplit {
    requireNonNull(ipc, "ipc is null");
  }

  @Override
  public String describe() {
    return "values(" + rows + " rows, " + ipc.length + " bytes)";
  }
}
