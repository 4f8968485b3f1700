package io.frictionflow.event.format;

import static io.frictionflow.event.format.Read.put;
import static io.frictionflow.event.format.Read.putObject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.event.DecodeException;
import io.frictionflow.event.DecoderSettings.InputFormat;
import io.frictionflow.event.StrictJson;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Segment spec messages as canonical events: {@code page} is page_view, {@code identify} keeps the
 * ids only (traits are dropped), {@code track} takes its event name (e-commerce v2: Product Added
 * is add_to_cart, Checkout Started checkout_start, Order Completed purchase; other names in
 * snake_case). Times: {@code originalTimestamp} with {@code sentAt} and {@code receivedAt} (the
 * canonical skew correction, which is Segment's own); a message with only {@code timestamp} is
 * already corrected and is taken as it is. Segment has no session id of its own: {@code
 * context.sessionId}, else Amplitude's {@code integrations["Actions Amplitude"].session_id} with
 * the anonymousId.
 */
final class SegmentDecoder extends NamedFormat {
  private static final Map<String, String> FIELDS =
      Map.of(
          "event_id", "messageId",
          "session_id", "context.sessionId",
          "type", "type",
          "ts", "originalTimestamp",
          "sent_at", "sentAt",
          "received_at", "receivedAt");

  /** Properties that describe the clicked element, as a tracker may send them on a track call. */
  private static final Set<String> TARGET = Set.of("selector", "tag", "text", "href");

  SegmentDecoder() {
    super(InputFormat.SEGMENT, FIELDS);
  }

  @Override
  public ObjectNode toCanonical(String text, StrictJson json) throws DecodeException {
    ObjectNode in = json.parseObject(text);
    ObjectNode context = Read.object(in, "context", "context");
    ObjectNode props = Read.object(in, "properties", "properties");
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("event_id", Read.required(Read.string(in, "messageId", "messageId"), "messageId"));
    String anonymousId = Read.id(in, "anonymousId", "anonymousId");
    out.put("session_id", sessionId(in, context, anonymousId));
    String kind = Read.required(Read.string(in, "type", "type"), "type");
    out.put("type", type(in, kind));

    Long original = Read.time(in, "originalTimestamp", "originalTimestamp");
    if (original != null) {
      out.put("ts", original);
      put(out, "sent_at", Read.time(in, "sentAt", "sentAt"));
      put(out, "received_at", Read.time(in, "receivedAt", "receivedAt"));
    } else {
      Long corrected = Read.time(in, "timestamp", "timestamp");
      if (corrected == null) {
        throw Read.missing("originalTimestamp");
      }
      out.put("ts", corrected);
    }
    put(out, "anonymous_id", anonymousId);
    put(out, "user_id", Read.id(in, "userId", "userId"));

    ObjectNode page = out.objectNode();
    ObjectNode cp = Read.object(context, "page", "context.page");
    // A page call carries the page in its properties too; the context is what every call has.
    pageFields(cp, "context.page.", page);
    if (kind.equals("page")) {
      pageFields(props, "properties.", page);
    }
    if (page.has("referrer") && page.get("referrer").asText().isEmpty()) {
      page.remove("referrer");
    }
    putObject(out, "page", page);
    ObjectNode device = out.objectNode();
    put(device, "ua", Read.string(context, "userAgent", "context.userAgent"));
    putObject(out, "device", device);

    if (props != null && !kind.equals("identify")) {
      ObjectNode target = out.objectNode();
      ObjectNode rest = out.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (TARGET.contains(e.getKey())) {
          put(target, e.getKey(), Read.string(props, e.getKey(), "properties." + e.getKey()));
        } else if (e.getKey().equals("x") || e.getKey().equals("y")) {
          put(out, e.getKey(), Read.number(props, e.getKey(), "properties." + e.getKey()));
        } else if (!e.getValue().isNull()) {
          rest.set(e.getKey(), e.getValue());
        }
      }
      putObject(out, "target", target);
      putObject(out, "props", rest);
    }
    return out;
  }

  private static void pageFields(ObjectNode src, String prefix, ObjectNode page)
      throws DecodeException {
    if (src == null) {
      return;
    }
    for (String name : new String[] {"url", "path", "referrer", "title"}) {
      putIfAbsent(page, name, Read.string(src, name, prefix + name));
    }
  }

  private static void putIfAbsent(ObjectNode o, String name, String value) {
    if (!o.has(name)) {
      put(o, name, value);
    }
  }

  private static String type(ObjectNode in, String kind) throws DecodeException {
    return switch (kind) {
      case "track" -> Ecommerce.type(Read.required(Read.string(in, "event", "event"), "event"));
      case "page" -> "page_view";
      case "screen" -> "screen_view";
      default -> kind;
    };
  }

  private static String sessionId(ObjectNode in, ObjectNode context, String anonymousId)
      throws DecodeException {
    String session = Read.id(context, "sessionId", "context.sessionId");
    if (session != null && !session.isBlank()) {
      return session;
    }
    ObjectNode integrations = Read.object(in, "integrations", "integrations");
    ObjectNode amplitude =
        Read.object(integrations, "Actions Amplitude", "integrations.Actions Amplitude");
    String ampSession =
        Read.id(amplitude, "session_id", "integrations.Actions Amplitude.session_id");
    if (ampSession != null && anonymousId != null) {
      return anonymousId + ":" + ampSession;
    }
    throw Read.missing("context.sessionId");
  }
}
