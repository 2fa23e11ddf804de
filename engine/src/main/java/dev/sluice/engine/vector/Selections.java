package dev.sluice.engine.vector;

/** Helpers for selections: lists of row indices into a batch, in increasing order unless said. */
final class Selections {
  private Selections() {}

  static boolean[] gatherNulls(boolean[] nulls, int[] selection, int count) {
    if (nulls == null) {
      return null;
    }
    boolean[] out = new boolean[count];
    boolean any = false;
    for (int i = 0; i < count; i++) {
      out[i] = nulls[selection[i]];
      any |= out[i];
    }
    return any ? out : null;
  }
}
