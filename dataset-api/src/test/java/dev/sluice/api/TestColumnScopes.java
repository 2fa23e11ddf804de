package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.expr.ColumnRef;
import dev.sluice.engine.expr.Comparison;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestColumnScopes {
  private static final Schema ORDERS = new Schema(List.of(new Field("k", DataType.INT64),
      new Field("v", DataType.UTF8)));

  @Test
  void testKnownQualifiersBecomePlainNamesUnknownOnesStay() {
    ColumnScopes scopes = ColumnScopes.of("#df1", ORDERS).with("o", ORDERS);
    assertThat(scopes.rewrite(new ColumnRef("o", "k"), null)).isEqualTo(new ColumnRef("k"));
    assertThat(scopes.rewrite(new ColumnRef("#df1", "v"), null)).isEqualTo(new ColumnRef("v"));
    assertThat(scopes.rewrite(new ColumnRef("x", "v"), null)).isEqualTo(new ColumnRef("x", "v"));
    assertThat(scopes.rewrite(new ColumnRef("#df99", "v"), null)).isEqualTo(new ColumnRef("v"));
    assertThatThrownBy(() -> scopes.rewrite(new ColumnRef("o", "zz"), null)).isInstanceOf(EngineException.class)
        .hasMessageContaining("'o.zz' does not exist").hasMessageContaining("[k, v]");
  }

  @Test
  void testHiddenQualifiersDoNotShow() {
    assertThat(new Column(new ColumnRef("#df12", "k")).plus(1).toString()).isEqualTo("(k + 1)");
    assertThat(new Column(new ColumnRef("o", "k")).toString()).isEqualTo("o.k");
  }

  @Test
  void testRenamesFollowTheColumnsThrough() {
    ColumnScopes scopes = ColumnScopes.of("o", ORDERS).through(Map.of("k", "key"));
    assertThat(scopes.rewrite(new ColumnRef("o", "k"), null)).isEqualTo(new ColumnRef("key"));
    assertThat(scopes.columnsOf("o")).containsExactly("key");
    assertThatThrownBy(() -> scopes.rewrite(new ColumnRef("o", "v"), null)).isInstanceOf(EngineException.class);
  }

  @Test
  void testJoinConditionsGetSideQualifiers() {
    ColumnScopes left = ColumnScopes.of("a", ORDERS);
    ColumnScopes right = ColumnScopes.of("b", ORDERS);
    Expression condition = new Comparison(Comparison.Op.EQUAL, new ColumnRef("a", "k"), new ColumnRef("b", "k"));
    assertThat(ColumnScopes.rewriteJoin(condition, left, right)).isEqualTo(new Comparison(Comparison.Op.EQUAL,
        new ColumnRef(ColumnScopes.LEFT, "k"), new ColumnRef(ColumnScopes.RIGHT, "k")));
    assertThatThrownBy(() -> ColumnScopes.rewriteJoin(new ColumnRef("a", "k"), left, left))
        .isInstanceOf(EngineException.class).hasMessageContaining("ambiguous");
  }
}
