package io.frictionflow.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The JSON of a {@link PatternStatus} on the pattern-status topic. Pure. */
public final class PatternStatusJson {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private PatternStatusJson() {}

  /**
   * {@code pattern_id, version, state_version, status, reason, time} (ISO-8601), {@code
   * catalog_version}.
   */
  public static String toJson(PatternStatus s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("pattern_id", s.patternId());
    n.put("version", s.version());
    n.put("state_version", s.stateVersion());
    n.put("status", s.status());
    n.put("reason", s.reason());
    n.put("time", Instant.ofEpochMilli(s.time()).toString());
    n.put("catalog_version", s.catalogVersion());
    return n.toString();
  }
}
