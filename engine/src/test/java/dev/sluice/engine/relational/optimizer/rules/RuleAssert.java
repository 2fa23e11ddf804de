package dev.sluice.engine.relational.optimizer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.RelationPrinter;
import dev.sluice.engine.relational.analysis.Analyzer;

/** Before/after assertions for one rule: the input is analyzed, the rule applied once. */
final class RuleAssert {
  private final Rule rule;
  private final Relation before;

  private RuleAssert(Rule rule, Relation unresolved) {
    this.rule = rule;
    this.before = Analyzer.analyze(unresolved);
  }

  static RuleAssert assertRule(Rule rule, Relation unresolved) {
    return new RuleAssert(rule, unresolved);
  }

  /** The rule rewrites the plan into {@code expected} (printed as {@link RelationPrinter} does). */
  Relation rewritesTo(String expected) {
    Relation after = rule.apply(before);
    assertThat(RelationPrinter.print(after)).isEqualTo(expected);
    assertThat(after).isNotEqualTo(before);
    assertThat(after.schema()).isEqualTo(before.schema());
    return after;
  }

  /** The rule leaves the plan as it is (the same object). */
  void doesNotFire() {
    Relation after = rule.apply(before);
    assertThat(RelationPrinter.print(after)).isEqualTo(RelationPrinter.print(before));
    assertThat(after).isSameAs(before);
  }

  Relation before() {
    return before;
  }
}
