package io.frictionflow.event.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.event.DecodeException;
import io.frictionflow.event.StrictJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One session's rrweb decoding state, for records that arrive one at a time (Kafka): its {@link
 * NodeTree}, page, viewport and scroll offsets, the same state {@link RrwebRecording} keeps for a
 * whole recording, so a session's records mapped in order here give exactly the events the file
 * gives (but for their ids, which the record gives). Pure Java; the Kafka job keeps one per session
 * in keyed state, written with {@link #write} and read with {@link #read}.
 *
 * <p>Bounded as the tree is ({@link NodeTree#MAX_NODES} nodes, about {@link NodeTree#MAX_BYTES}
 * bytes) plus {@link RrwebEvents#MAX_SCROLLERS} scroll offsets; {@link #bytes} estimates it.
 */
public final class RrwebSession {
  /** Reads records already accepted by the source's decoder, so only the DOM limits matter. */
  private static final StrictJson JSON = new StrictJson(Integer.MAX_VALUE, RrwebDecoder.DOM_DEPTH);

  private final RrwebEvents events;

  /** A session with nothing seen yet. */
  public RrwebSession() {
    this(new RrwebEvents());
  }

  private RrwebSession(RrwebEvents events) {
    this.events = events;
  }

  /**
   * The canonical event's JSON for one record (the wrapper or a bare event, as {@link RrwebDecoder}
   * reads it), with this session's tree; a FullSnapshot or Mutation updates the tree.
   *
   * @param record the record's text, already accepted by the source's decoder
   * @param sessionId the session, as the source decoded it
   * @param eventId the event's id, as the source decoded it
   */
  public ObjectNode map(String record, String sessionId, String eventId) throws DecodeException {
    return events.map(RrwebDecoder.eventOf(JSON.parseObject(record)), sessionId, eventId, "event");
  }

  /** Estimated bytes of the state on the heap. */
  public long bytes() {
    return events.bytes();
  }

  /** How many nodes the tree keeps. */
  public int nodes() {
    return events.tree().size();
  }

  /** Writes the state. */
  public void write(DataOutput out) throws IOException {
    events.write(out);
  }

  /** The state {@link #write} wrote. */
  public static RrwebSession read(DataInput in) throws IOException {
    return new RrwebSession(RrwebEvents.read(in));
  }

  /** A deep copy (written and read back). */
  public RrwebSession copy() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      write(new DataOutputStream(bytes));
      return read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
