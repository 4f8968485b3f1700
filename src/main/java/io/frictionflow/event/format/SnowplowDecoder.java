package io.frictionflow.event.format;

import static io.frictionflow.event.format.Read.put;
import static io.frictionflow.event.format.Read.putObject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frictionflow.event.DecodeException;
import io.frictionflow.event.DecoderSettings.InputFormat;
import io.frictionflow.event.EventTimes;
import io.frictionflow.event.FailureReason;
import io.frictionflow.event.JsonFields;
import io.frictionflow.event.StrictJson;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Snowplow enriched events as canonical events, in either form: the enriched TSV (131 columns, what
 * Snowplow writes to Kafka) or its JSON form (the Analytics SDKs' output, self-describing events
 * flattened to {@code unstruct_event_<vendor>_<name>_<major>}). A record starting with {@code {}
 * is JSON. Types: page_view; page_ping is scroll with the depth from {@code pp_yoffset_max}, {@code
 * br_viewheight} and {@code doc_height}; link_click is click; focus_form, change_form and
 * submit_form are focus, change and submit; add_to_cart, snowplow_ecommerce_action (add_to_cart,
 * checkout_step, transaction) and transaction are the cart types; structured events take {@code
 * se_action}. Times: {@code dvce_created_tstamp}, {@code dvce_sent_tstamp}, {@code
 * collector_tstamp} (the skew correction is Snowplow's {@code derived_tstamp}).
 */
final class SnowplowDecoder extends NamedFormat {
  private static final Map<String, String> FIELDS =
      Map.of(
          "event_id", "event_id",
          "session_id", "domain_sessionid",
          "type", "event_name",
          "ts", "dvce_created_tstamp",
          "sent_at", "dvce_sent_tstamp",
          "received_at", "collector_tstamp");

  SnowplowDecoder() {
    super(InputFormat.SNOWPLOW, FIELDS);
  }

  @Override
  public ObjectNode toCanonical(String text, StrictJson json) throws DecodeException {
    boolean isJson = text.stripLeading().startsWith("{");
    ObjectNode in = isJson ? json.parseObject(text) : fromTsv(text, json);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("event_id", Read.required(Read.string(in, "event_id", "event_id"), "event_id"));
    out.put(
        "session_id",
        Read.required(Read.string(in, "domain_sessionid", "domain_sessionid"), "domain_sessionid"));
    Long created = time(in, "dvce_created_tstamp");
    Long collected = time(in, "collector_tstamp");
    if (created == null && collected == null) {
      throw Read.missing("dvce_created_tstamp");
    }
    out.put("ts", created != null ? created : collected);
    if (created != null) {
      put(out, "sent_at", time(in, "dvce_sent_tstamp"));
      put(out, "received_at", collected);
    }
    put(out, "anonymous_id", Read.string(in, "domain_userid", "domain_userid"));
    put(out, "user_id", Read.string(in, "user_id", "user_id"));
    ObjectNode page = out.objectNode();
    put(page, "url", Read.string(in, "page_url", "page_url"));
    put(page, "path", Read.string(in, "page_urlpath", "page_urlpath"));
    put(page, "referrer", Read.string(in, "page_referrer", "page_referrer"));
    put(page, "title", Read.string(in, "page_title", "page_title"));
    putObject(out, "page", page);
    ObjectNode viewport = out.objectNode();
    Double vw = number(in, "br_viewwidth");
    Double vh = number(in, "br_viewheight");
    put(viewport, "w", vw == null ? null : vw.intValue());
    put(viewport, "h", vh == null ? null : vh.intValue());
    putObject(out, "viewport", viewport);
    ObjectNode device = out.objectNode();
    put(device, "ua", Read.string(in, "useragent", "useragent"));
    putObject(out, "device", device);

    String event = Read.string(in, "event", "event");
    String name = Read.string(in, "event_name", "event_name");
    if (name == null || name.isBlank()) {
      name = Read.required(event, "event_name");
    }
    SelfDescribing sd = selfDescribing(in, name, isJson);
    out.put("type", map(name, sd == null ? null : sd.data, sd == null ? name : sd.path, in, out));
    return out;
  }

  private record SelfDescribing(String path, ObjectNode data) {}

  private static String map(
      String name, ObjectNode data, String dataPath, ObjectNode in, ObjectNode out)
      throws DecodeException {
    ObjectNode target = out.objectNode();
    ObjectNode field = out.objectNode();
    String type;
    switch (name) {
      case "page_view" -> type = "page_view";
      case "page_ping" -> {
        type = "scroll";
        Double y = number(in, "pp_yoffset_max");
        Double vh = number(in, "br_viewheight");
        Double doc = number(in, "doc_height");
        ObjectNode scroll = out.objectNode();
        if (y != null && vh != null && doc != null && doc > 0) {
          put(scroll, "depth_pct", Math.max(0, Math.min(100, (y + vh) * 100 / doc)));
        }
        putObject(out, "scroll", scroll);
      }
      case "link_click" -> {
        type = "click";
        String id = Read.string(data, "elementId", dataPath + ".elementId");
        put(target, "selector", id == null || id.isBlank() ? "a" : "a#" + id);
        target.put("tag", "a");
        put(target, "href", Read.string(data, "targetUrl", dataPath + ".targetUrl"));
        put(target, "text", Read.string(data, "elementContent", dataPath + ".elementContent"));
        String opens = Read.string(data, "elementTarget", dataPath + ".elementTarget");
        if (opens != null) {
          target.put("new_tab", opens.equals("_blank"));
        }
      }
      case "focus_form", "change_form", "submit_form" -> {
        type = name.substring(0, name.indexOf('_'));
        put(field, "id", Read.string(data, "elementId", dataPath + ".elementId"));
        put(field, "form", Read.string(data, "formId", dataPath + ".formId"));
        String node = Read.string(data, "nodeName", dataPath + ".nodeName");
        put(target, "tag", node == null ? null : node.toLowerCase(Locale.ROOT));
      }
      case "snowplow_ecommerce_action" -> {
        String action = Read.string(data, "type", dataPath + ".type");
        type =
            switch (Read.required(action, dataPath + ".type")) {
              case "checkout_step" -> "checkout_start";
              case "transaction" -> "purchase";
              default -> action;
            };
      }
      case "transaction" -> type = "purchase";
      case "event", "struct" ->
          type =
              Ecommerce.type(Read.required(Read.string(in, "se_action", "se_action"), "se_action"));
      default -> type = name;
    }
    putObject(out, "target", target);
    putObject(out, "field", field);
    ObjectNode props = out.objectNode();
    if (data != null && !name.endsWith("_form")) {
      for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isNull() && !e.getKey().equals("value")) {
          props.set(e.getKey(), e.getValue());
        }
      }
    }
    putObject(out, "props", props);
    return type;
  }

  /** The self-describing event's data: in TSV nested twice in unstruct_event, in JSON flattened. */
  private static SelfDescribing selfDescribing(ObjectNode in, String name, boolean isJson)
      throws DecodeException {
    if (isJson) {
      for (Iterator<String> it = in.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (key.startsWith("unstruct_event_") && key.contains("_" + name + "_")) {
          return new SelfDescribing(key, Read.object(in, key, key));
        }
      }
    }
    ObjectNode outer = Read.object(in, "unstruct_event", "unstruct_event");
    ObjectNode inner = Read.object(outer, "data", "unstruct_event.data");
    ObjectNode data = Read.object(inner, "data", "unstruct_event.data.data");
    return data == null ? null : new SelfDescribing("unstruct_event.data.data", data);
  }

  /** The TSV as an object of its non-empty columns; the JSON columns parsed strictly. */
  private static ObjectNode fromTsv(String text, StrictJson json) throws DecodeException {
    String line = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    String[] cols = line.split("\t", -1);
    if (cols.length != SnowplowColumns.NAMES.size()) {
      throw new DecodeException(
          FailureReason.NOT_JSON,
          "",
          "an enriched TSV event has "
              + SnowplowColumns.NAMES.size()
              + " tab-separated fields, this record "
              + cols.length);
    }
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < cols.length; i++) {
      String name = SnowplowColumns.NAMES.get(i);
      if (cols[i].isEmpty()) {
        continue;
      }
      if (name.equals("unstruct_event")) {
        try {
          o.set(name, json.parseObject(cols[i]));
        } catch (DecodeException e) {
          throw new DecodeException(e.reason(), name, name + ": " + e.getMessage());
        }
      } else {
        o.put(name, cols[i]);
      }
    }
    return o;
  }

  /** A timestamp: ISO-8601, or the TSV's {@code 2013-11-26 00:02:05.000} (UTC). */
  private static Long time(ObjectNode in, String name) throws DecodeException {
    JsonNode n = Read.value(in, name);
    if (n == null || !n.isTextual()) {
      return n == null ? null : EventTimes.timestamp(n, name);
    }
    String t = n.textValue().trim();
    if (t.length() > 10 && t.charAt(10) == ' ') {
      t = t.substring(0, 10) + "T" + t.substring(11);
    }
    if (t.length() > 10 && !t.endsWith("Z") && !t.substring(10).matches(".*[+-]\\d\\d:?\\d\\d$")) {
      t = t + "Z";
    }
    long millis = EventTimes.parseIso(t, name);
    EventTimes.checkPlausible(millis, name, name);
    return millis;
  }

  /** A number, or in TSV its text. */
  private static Double number(ObjectNode in, String name) throws DecodeException {
    JsonNode n = Read.value(in, name);
    if (n == null || n.isNumber()) {
      return Read.number(in, name, name);
    }
    if (!n.isTextual()) {
      throw JsonFields.wrongType(name, "a number", n);
    }
    try {
      double d = Double.parseDouble(n.textValue().trim());
      if (!Double.isFinite(d)) {
        throw JsonFields.outOfRange(name, "a finite double");
      }
      return d;
    } catch (NumberFormatException e) {
      throw JsonFields.wrongType(name, "a number", n);
    }
  }
}
