package io.frictionflow.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.TestClusters;
import io.frictionflow.TestEvents;
import io.frictionflow.event.Event;
import io.frictionflow.signal.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Detection#build} as a job would use it: keyed events in, fired signals out. */
class DetectionITCase {
  @RegisterExtension static final MiniClusterExtension FLINK = TestClusters.flink();
  private static final OutputTag<Event> LATE = new OutputTag<>("events-late") {};

  @ParameterizedTest
  @EnumSource(DetectMode.class)
  void twoRageClickBurstsInOneSessionFireOncePerIncidentAndOneBurstInAnother(DetectMode mode)
      throws Exception {
    List<Event> events = new ArrayList<>();
    for (String session : List.of("a", "b")) {
      for (int i = 0; i < 5; i++) {
        events.add(
            TestEvents.click("#pay")
                .session(session)
                .id(session + i)
                .xy(10, 10)
                .atMillis(200L * i)
                .event());
      }
    }
    // A second burst in session a, after a pause, and a scroll no pattern here listens to.
    for (int i = 0; i < 3; i++) {
      events.add(
          TestEvents.click("#pay")
              .session("a")
              .id("a2-" + i)
              .xy(10, 10)
              .atMillis(5000 + 200L * i)
              .event());
    }
    events.add(TestEvents.event("scroll").session("b").id("s").atMillis(6000).event());

    Configuration conf = new Configuration();
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(2);
    DataStream<Event> in =
        env.fromData(TypeInformation.of(Event.class), events.toArray(new Event[0]))
            .setParallelism(1)
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofSeconds(2))
                    .withTimestampAssigner((e, t) -> e.time()))
            .setParallelism(1)
            .keyBy(Event::sessionId);
    Detection.Streams out =
        Detection.build(
            in,
            List.of(HostedPattern.of(DetectOperatorTest.catalog("rage-click"))),
            mode,
            Duration.ofMinutes(30),
            LATE);
    List<String> fired = new ArrayList<>();
    try (CloseableIterator<Signal> it = out.signals().executeAndCollect()) {
      it.forEachRemaining(s -> fired.add(s.sessionId() + ":" + String.join(",", s.eventIds())));
    }
    assertThat(fired).containsExactlyInAnyOrder("a:a0,a1,a2", "a:a2-0,a2-1,a2-2", "b:b0,b1,b2");
  }
}
