package dev.sluice.executors.columnar;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.util.List;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Where each column's value lies in a {@link RowStore} row: {@code nullBytes} of null bits first,
 * then per column its value (fixed width: the Arrow value bytes, but 8 for a decimal of at most 18
 * digits, whose high 8 bytes only repeat the sign; boolean: one byte; variable width: its length as
 * an int). The variable-width bytes follow the slot.
 */
final class RowLayout {
  /** Column kinds. */
  static final int FIXED = 0;
  static final int BOOLEAN = 1;
  static final int VARIABLE = 2;

  /** The Arrow fields of the rows. */
  final List<Field> fields;
  /** Per column: FIXED, BOOLEAN or VARIABLE. */
  final int[] kinds;
  /** Per column: the value's width in the slot. */
  final int[] widths;
  /** Per column: a decimal of at most 18 digits, held as its low 8 bytes. */
  final boolean[] narrowDecimals;
  /** Per column: the value's offset in the slot. */
  final int[] offsets;
  /** Whether any column is variable-width. */
  final boolean anyVariable;
  /** Bytes of a row before its variable-width values. */
  final int slotBytes;

  /**
   * The layout of the batch {@code like}'s rows.
   *
   * @throws EngineException UNSUPPORTED_TYPE for a column that is not fixed-width, boolean or
   *     variable-width with 32-bit offsets
   */
  RowLayout(VectorSchemaRoot like) {
    fields = like.getSchema().getFields();
    int count = fields.size();
    kinds = new int[count];
    widths = new int[count];
    narrowDecimals = new boolean[count];
    offsets = new int[count];
    int at = (count + 7) / 8;
    boolean variable = false;
    for (int c = 0; c < count; c++) {
      FieldVector vector = like.getVector(c);
      if (vector instanceof BitVector) {
        kinds[c] = BOOLEAN;
        widths[c] = 1;
      } else if (vector instanceof BaseFixedWidthVector fixed) {
        kinds[c] = FIXED;
        narrowDecimals[c] = narrowDecimal(vector);
        widths[c] = narrowDecimals[c] ? 8 : fixed.getTypeWidth();
      } else if (vector instanceof BaseVariableWidthVector) {
        kinds[c] = VARIABLE;
        widths[c] = 4;
        variable = true;
      } else {
        throw new EngineException(ErrorCode.UNSUPPORTED_TYPE, "The columnar sort cannot hold column '"
            + vector.getName() + "' of Arrow type " + vector.getField().getType()
            + "; it supports fixed-width, boolean and utf8/binary columns");
      }
      offsets[c] = at;
      at += widths[c];
    }
    anyVariable = variable;
    slotBytes = Math.max(1, at);
  }

  private static boolean narrowDecimal(FieldVector vector) {
    return vector instanceof DecimalVector decimal && decimal.getPrecision() <= 18;
  }

  /** Whether rows of this batch have this layout: the same column count and column kinds and widths. */
  boolean accepts(VectorSchemaRoot root) {
    if (root.getFieldVectors().size() != kinds.length) {
      return false;
    }
    for (int c = 0; c < kinds.length; c++) {
      FieldVector vector = root.getVector(c);
      boolean same = switch (kinds[c]) {
        case BOOLEAN -> vector instanceof BitVector;
        case FIXED -> vector instanceof BaseFixedWidthVector fixed && !(vector instanceof BitVector)
            && narrowDecimal(vector) == narrowDecimals[c]
            && (narrowDecimals[c] || fixed.getTypeWidth() == widths[c]);
        default -> vector instanceof BaseVariableWidthVector;
      };
      if (!same) {
        return false;
      }
    }
    return true;
  }
}
