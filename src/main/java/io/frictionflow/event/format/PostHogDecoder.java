package io.frictionflow.event.format;

import static io.frictionflow.event.format.Read.put;
import static io.frictionflow.event.format.Read.putObject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.event.DecodeException;
import io.frictionflow.event.DecoderSettings.InputFormat;
import io.frictionflow.event.EventTimes;
import io.frictionflow.event.StrictJson;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * PostHog capture events ({@code {event, distinct_id, properties, timestamp, uuid}}) as canonical
 * events: {@code $pageview} is page_view, {@code $autocapture} its {@code $event_type} (click,
 * change, submit) with the target from {@code $elements_chain}, {@code $rageclick} and {@code
 * $dead_click} stay their own types (rageclick, dead_click) so they can be compared with the job's
 * own, {@code $exception} is error, e-commerce spec names map as Segment's; other names are kept in
 * snake_case. Properties without a {@code $} are kept as props.
 */
final class PostHogDecoder extends NamedFormat {
  private static final Map<String, String> FIELDS =
      Map.of(
          "event_id", "uuid",
          "session_id", "properties.$session_id",
          "type", "event",
          "ts", "timestamp",
          "sent_at", "sent_at");

  PostHogDecoder() {
    super(InputFormat.POSTHOG, FIELDS);
  }

  @Override
  public ObjectNode toCanonical(String text, StrictJson json) throws DecodeException {
    ObjectNode in = json.parseObject(text);
    ObjectNode p = Read.object(in, "properties", "properties");
    if (p == null) {
      p = JsonNodeFactory.instance.objectNode();
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    String uuid = Read.string(in, "uuid", "uuid");
    String insertId = Read.string(p, "$insert_id", "properties.$insert_id");
    out.put("event_id", Read.required(uuid != null ? uuid : insertId, "uuid"));
    out.put(
        "session_id",
        Read.required(
            Read.string(p, "$session_id", "properties.$session_id"), "properties.$session_id"));
    String event = Read.required(Read.string(in, "event", "event"), "event");
    out.put("type", type(event, p));
    Long ts = Read.time(in, "timestamp", "timestamp");
    if (ts == null) {
      // posthog-js sends $time, epoch seconds with a fraction, when the batch has no timestamp.
      Double seconds = Read.number(p, "$time", "properties.$time");
      if (seconds == null) {
        throw Read.missing("timestamp");
      }
      ts = (long) (seconds * 1000);
      EventTimes.checkPlausible(ts, "properties.$time", "properties.$time (seconds)");
    }
    out.put("ts", ts);
    put(out, "sent_at", Read.time(in, "sent_at", "sent_at"));
    String distinct = Read.id(in, "distinct_id", "distinct_id");
    put(
        out,
        "anonymous_id",
        distinct != null ? distinct : Read.id(p, "distinct_id", "properties.distinct_id"));

    ObjectNode page = out.objectNode();
    put(page, "url", Read.string(p, "$current_url", "properties.$current_url"));
    put(page, "path", Read.string(p, "$pathname", "properties.$pathname"));
    String referrer = Read.string(p, "$referrer", "properties.$referrer");
    put(page, "referrer", "$direct".equals(referrer) ? null : referrer);
    put(page, "title", Read.string(p, "title", "properties.title"));
    putObject(out, "page", page);

    ElementsChain target =
        ElementsChain.first(Read.string(p, "$elements_chain", "properties.$elements_chain"));
    if (target != null) {
      ObjectNode t = out.objectNode();
      put(t, "selector", target.selector());
      put(t, "tag", target.tag());
      put(t, "text", target.text());
      put(t, "href", target.href());
      putObject(out, "target", t);
    }
    ObjectNode viewport = out.objectNode();
    put(viewport, "w", Read.integer(p, "$viewport_width", "properties.$viewport_width"));
    put(viewport, "h", Read.integer(p, "$viewport_height", "properties.$viewport_height"));
    putObject(out, "viewport", viewport);
    ObjectNode device = out.objectNode();
    String deviceType = Read.string(p, "$device_type", "properties.$device_type");
    put(device, "class", deviceType == null ? null : deviceType.toLowerCase(Locale.ROOT));
    put(device, "ua", Read.string(p, "$raw_user_agent", "properties.$raw_user_agent"));
    putObject(out, "device", device);
    if (event.equals("$exception")) {
      putObject(out, "error", error(p));
    }

    ObjectNode props = out.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().startsWith("$")
          && !e.getKey().equals("distinct_id")
          && !e.getKey().equals("token")
          && !e.getValue().isNull()) {
        props.set(e.getKey(), e.getValue());
      }
    }
    putObject(out, "props", props);
    return out;
  }

  private static String type(String event, ObjectNode p) throws DecodeException {
    return switch (event) {
      case "$pageview" -> "page_view";
      case "$pageleave" -> "page_leave";
      case "$rageclick" -> "rageclick";
      case "$dead_click" -> "dead_click";
      case "$exception" -> "error";
      case "$autocapture" -> {
        String t = Read.string(p, "$event_type", "properties.$event_type");
        yield t == null || t.isBlank() ? "autocapture" : Ecommerce.type(t);
      }
      default -> Ecommerce.type(event.startsWith("$") ? event.substring(1) : event);
    };
  }

  private static ObjectNode error(ObjectNode p) throws DecodeException {
    ObjectNode e = JsonNodeFactory.instance.objectNode();
    String message = Read.string(p, "$exception_message", "properties.$exception_message");
    String kind = Read.string(p, "$exception_type", "properties.$exception_type");
    JsonNode list = Read.value(p, "$exception_list");
    if (list != null && list.isArray() && !list.isEmpty() && list.get(0).isObject()) {
      ObjectNode first = (ObjectNode) list.get(0);
      if (message == null) {
        message = Read.string(first, "value", "properties.$exception_list[0].value");
      }
      if (kind == null) {
        kind = Read.string(first, "type", "properties.$exception_list[0].type");
      }
    }
    put(e, "message", message);
    put(e, "kind", kind);
    return e;
  }
}
