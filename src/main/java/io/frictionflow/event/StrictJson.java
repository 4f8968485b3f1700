package io.frictionflow.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a record's text as exactly one JSON object under fixed limits, and its bytes as strict
 * UTF-8.
 *
 * <p>Limits: nesting depth {@link #MAX_DEPTH}, number literals {@link #MAX_NUMBER_LENGTH}
 * characters, strings no longer than the record limit, and duplicate keys rejected. Each broken
 * limit becomes its own {@link FailureReason}, never a crash.
 */
public final class StrictJson {
  /** Deepest nesting of objects and arrays accepted; events need a handful of levels. */
  static final int MAX_DEPTH = 32;

  /** Longest number literal accepted, in characters. */
  static final int MAX_NUMBER_LENGTH = 100;

  private final ObjectMapper mapper;
  private final int maxDepth;

  /** A reader whose strings may be at most {@code maxBytes} characters long. */
  public StrictJson(int maxBytes) {
    this(maxBytes, MAX_DEPTH);
  }

  /**
   * A reader with its own nesting limit, for records that carry a document's tree (an rrweb
   * FullSnapshot nests two levels per DOM level); the other limits are the same.
   */
  public StrictJson(int maxBytes, int maxDepth) {
    this.maxDepth = maxDepth;
    this.mapper = JsonMapper.builder().build();
    JsonFactory factory = mapper.getFactory();
    factory.setStreamReadConstraints(
        StreamReadConstraints.builder()
            .maxNestingDepth(maxDepth)
            .maxStringLength(maxBytes)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .build());
    // Two values for one key are read differently by different parsers (first or last wins): a
    // collector could check one session_id and the job use the other. Reject instead.
    factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  /** Exactly one JSON object, and nothing but white space after it. */
  public ObjectNode parseObject(String raw) throws DecodeException {
    try (JsonParser p = mapper.createParser(raw)) {
      JsonNode root = mapper.readTree(p);
      if (root == null || !root.isObject()) {
        throw new DecodeException(FailureReason.NOT_JSON, "", "record is not a JSON object");
      }
      JsonToken next;
      try {
        next = p.nextToken();
      } catch (JsonProcessingException e) {
        next = JsonToken.NOT_AVAILABLE;
      }
      if (next != null) {
        throw new DecodeException(
            FailureReason.NOT_JSON,
            "",
            "trailing data after the JSON object at character "
                + p.currentTokenLocation().getCharOffset());
      }
      return (ObjectNode) root;
    } catch (StreamConstraintsException e) {
      String m = e.getOriginalMessage();
      if (m.contains("nesting depth")) {
        throw new DecodeException(
            FailureReason.TOO_DEEP, "", "JSON nests deeper than " + maxDepth + " levels");
      }
      if (m.contains("Number value length")) {
        throw new DecodeException(
            FailureReason.OUT_OF_RANGE,
            "",
            "a number has more than " + MAX_NUMBER_LENGTH + " characters");
      }
      throw new DecodeException(FailureReason.NOT_JSON, "", "not valid JSON: " + m);
    } catch (JsonProcessingException e) {
      throw new DecodeException(
          FailureReason.NOT_JSON, "", "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      // Parsing a String does no I/O; kept as a rejection rather than a crash all the same.
      throw new DecodeException(FailureReason.NOT_JSON, "", "not valid JSON: " + e.getMessage());
    }
  }

  public static String strictUtf8(byte[] raw) throws DecodeException {
    return utf8(raw, raw.length);
  }

  static String utf8(byte[] raw, int length) throws DecodeException {
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(raw, 0, length);
    CharBuffer out = CharBuffer.allocate(length);
    CoderResult r = utf8.decode(in, out, true);
    if (!r.isError()) {
      r = utf8.flush(out);
    }
    if (r.isError()) {
      throw new DecodeException(
          FailureReason.NOT_JSON,
          "",
          "record is not valid UTF-8 (byte " + in.position() + " of " + length + ")");
    }
    return out.flip().toString();
  }
}
