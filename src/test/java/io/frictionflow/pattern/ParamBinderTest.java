package io.frictionflow.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ParamBinder}: {@code $name} becomes the value, {@code $$} a dollar, unknowns an error. */
class ParamBinderTest {
  private final Trees t = new Trees();

  @Test
  void replacesParametersAndRemembersWhereEachValueCameFrom() {
    ParamBinder b = new ParamBinder(Map.of("clicks", IntNode.valueOf(3)), t.sink);
    JsonNode out = b.bind(Trees.yaml("stages: [{name: a, times: $clicks}]"));
    assertThat(out.at("/stages/0/times").intValue()).isEqualTo(3);
    assertThat(b.from("stages[0].times")).isEqualTo(" (from $clicks)");
    assertThat(b.from("stages[0].name")).isEmpty();
    assertThat(t.errors()).isEmpty();
  }

  @Test
  void doubleDollarIsALiteralDollar() {
    ParamBinder b = new ParamBinder(Map.of(), t.sink);
    JsonNode out = b.bind(Trees.yaml("price: $$5"));
    assertThat(out.get("price").textValue()).isEqualTo("$5");
    assertThat(t.errors()).isEmpty();
  }

  @Test
  void anUndefinedParameterIsReportedWithASuggestion() {
    new ParamBinder(Map.of("clicks", IntNode.valueOf(3)), t.sink).bind(Trees.yaml("on: [$click]"));
    assertThat(t.errors()).hasSize(1);
    assertThat(t.errors().get(0)).startsWith("on[0]: undefined parameter $click");
  }

  @Test
  void anUndefinedParameterInAFileWithoutParamsSaysSo() {
    new ParamBinder(Map.of(), t.sink).bind(Trees.yaml("window: $w"));
    assertThat(t.errors())
        .containsExactly("window: undefined parameter $w (this file defines no params)");
  }

  @Test
  void textWithoutDollarIsLeftAlone() {
    JsonNode out =
        new ParamBinder(Map.of("a", TextNode.valueOf("x")), t.sink).bind(Trees.yaml("id: a"));
    assertThat(out.get("id").textValue()).isEqualTo("a");
  }
}
