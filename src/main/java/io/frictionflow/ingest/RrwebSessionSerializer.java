package io.frictionflow.ingest;

import io.frictionflow.event.format.RrwebSession;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The keyed-state serializer of an rrweb session's decoding state, in its own versioned format
 * ({@link RrwebSession#write}), so that savepoints do not depend on Kryo or on field layout.
 */
public final class RrwebSessionSerializer extends TypeSerializerSingleton<RrwebSession> {
  private static final long serialVersionUID = 1L;

  /** The one instance. */
  public static final RrwebSessionSerializer INSTANCE = new RrwebSessionSerializer();

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public RrwebSession createInstance() {
    return new RrwebSession();
  }

  @Override
  public RrwebSession copy(RrwebSession from) {
    return from.copy();
  }

  @Override
  public RrwebSession copy(RrwebSession from, RrwebSession reuse) {
    return from.copy();
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(RrwebSession record, DataOutputView target) throws IOException {
    record.write(target);
  }

  @Override
  public RrwebSession deserialize(DataInputView source) throws IOException {
    return RrwebSession.read(source);
  }

  @Override
  public RrwebSession deserialize(RrwebSession reuse, DataInputView source) throws IOException {
    return RrwebSession.read(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    RrwebSession.read(source).write(target);
  }

  @Override
  public TypeSerializerSnapshot<RrwebSession> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The serializer's snapshot: one version, restored as {@link #INSTANCE}. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<RrwebSession> {
    /** For restore, by reflection. */
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
