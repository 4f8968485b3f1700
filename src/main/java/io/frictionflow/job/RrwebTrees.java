package io.frictionflow.job;

import io.frictionflow.config.JobSettings;
import io.frictionflow.event.DecoderSettings.InputFormat;
import io.frictionflow.ingest.Decoded;
import io.frictionflow.ingest.RrwebTreeFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The front of the job for rrweb input ({@code frictionflow.input.format: rrweb}), between the
 * source's decoding and {@link Topology#buildDecoded}: rejected records go straight on (their raw
 * payload crosses no exchange before {@code route-failed} redacts it); events are keyed by session
 * and mapped again with the session's node tree ({@code rrweb-tree}, {@link RrwebTreeFunction}).
 * For every other format the stream is returned as it is, so the default graph has neither
 * operator.
 */
public final class RrwebTrees {
  private static final OutputTag<Decoded> REJECTED = new OutputTag<>("rrweb-rejected") {};

  private RrwebTrees() {}

  /** {@code decoded} with rrweb events enriched per session, or {@code decoded} itself. */
  public static DataStream<Decoded> attach(DataStream<Decoded> decoded, JobSettings settings) {
    if (settings.inputFormat() != InputFormat.RRWEB) {
      return decoded;
    }
    SingleOutputStreamOperator<Decoded> events =
        decoded
            .process(new SplitRejected())
            .setParallelism(decoded.getParallelism())
            .uid(Uids.RRWEB_SPLIT)
            .name("rrweb-split");
    DataStream<Decoded> enriched =
        events
            .keyBy(RrwebTreeFunction::key)
            .process(new RrwebTreeFunction(settings.decoder(), settings.sessionTimeout()))
            .uid(Uids.RRWEB_TREE)
            .name("rrweb-tree");
    return events.getSideOutput(REJECTED).union(enriched);
  }

  /** Events on, rejected records to {@link #REJECTED}. */
  private static final class SplitRejected extends ProcessFunction<Decoded, Decoded> {
    @Override
    public void processElement(Decoded d, Context ctx, Collector<Decoded> out) {
      if (d.event() == null) {
        ctx.output(REJECTED, d);
      } else {
        out.collect(d);
      }
    }
  }
}
