package dev.sluice.engine.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.function.MapFunction;
import java.io.Serializable;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestClosureChecker {
  static final class Connection {
    int port = 1;
  }

  static final class Holder implements Serializable {
    private static final long serialVersionUID = 1L;
    final Connection connection = new Connection();
    transient Connection ignored = new Connection();
  }

  record Settings(int factor, List<String> names) implements Serializable {}

  @Test
  void testSerializableCapturesPassAndSurviveKryo() throws Exception {
    int factor = 3;
    Settings settings = new Settings(2, List.of("a"));
    MapFunction<Integer, Integer> function = x -> x * factor * settings.factor();
    assertThatCode(() -> ClosureChecker.check(function, "map")).doesNotThrowAnyException();
    MapFunction<Integer, Integer> copy = KryoSerde.deserialize(KryoSerde.serialize(function));
    assertThat(copy.call(5)).isEqualTo(30);
  }

  @Test
  void testNonSerializableCaptureIsNamed() {
    Connection connection = new Connection();
    MapFunction<Integer, Integer> function = x -> x + connection.port;
    EngineException error = catchThrowableOfType(EngineException.class,
        () -> ClosureChecker.check(function, "map at App.java:3"));
    assertThat(error.code()).isEqualTo(ErrorCode.TASK_NOT_SERIALIZABLE);
    assertThat(error.getMessage()).contains("map at App.java:3", Connection.class.getName(), "not java.io.Serializable");
  }

  @Test
  void testNonSerializableFieldOfCapturedObjectIsNamedWithItsField() {
    Holder holder = new Holder();
    MapFunction<Integer, Integer> function = x -> x + holder.connection.port + holder.ignored.port;
    EngineException error = catchThrowableOfType(EngineException.class, () -> ClosureChecker.check(function, "map"));
    assertThat(error.getMessage()).contains("field 'connection'", Connection.class.getName());
    assertThat(error.getMessage()).doesNotContain("'ignored'");
  }
}
