package io.frictionflow.config;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.HtmlFormatter;

/**
 * Renders the option table of {@code docs/configuration.md} from the option definitions; a test
 * holds the document to it so the two cannot drift.
 */
public final class ConfigDocs {
  private ConfigDocs() {}

  /** The Markdown table of every job option. */
  public static String table() {
    StringBuilder b = new StringBuilder();
    b.append("| key | type | default | description |\n");
    b.append("|---|---|---|---|\n");
    for (ConfigOption<?> o : (Iterable<ConfigOption<?>>) JobSettings.options()::iterator) {
      b.append("| `")
          .append(o.key())
          .append("` | ")
          .append(type(o))
          .append(" | ")
          .append(o.hasDefaultValue() ? "`" + show(o.defaultValue()) + "`" : "(none)")
          .append(" | ")
          .append(new HtmlFormatter().format(o.description()))
          .append(" |\n");
    }
    return b.toString();
  }

  /** The Markdown table of the options of one webhook destination. */
  public static String destinationTable() {
    StringBuilder b = new StringBuilder();
    b.append(
        "| key under `frictionflow.webhooks.destinations.<name>.` | default | description |\n");
    b.append("|---|---|---|\n");
    for (ConfigOption<?> o : WebhookSettings.DESTINATION_OPTIONS) {
      b.append("| `")
          .append(o.key())
          .append("` | ")
          .append(
              o.hasDefaultValue() && !"".equals(o.defaultValue())
                  ? "`" + show(o.defaultValue()) + "`"
                  : "(none)")
          .append(" | ")
          .append(new HtmlFormatter().format(o.description()))
          .append(" |\n");
    }
    b.append(
        "| `headers.<Header-Name>` | (none) | An extra request header; restricted names (Host,"
            + " Connection, ...), the sender's own and malformed ones are refused at start"
            + " (webhooks.md). |\n");
    return b.toString();
  }

  private static String type(ConfigOption<?> o) {
    Class<?> c = valueClass(o);
    if (c == Duration.class) {
      return "duration";
    }
    if (c == Integer.class) {
      return "int";
    }
    if (c == Boolean.class) {
      return "bool";
    }
    if (c == Double.class) {
      return "double";
    }
    return "string";
  }

  /**
   * The option's value class, also for an option without a default. Flink keeps it behind a
   * package-private getter (its own doc generator lives in that package).
   */
  private static Class<?> valueClass(ConfigOption<?> o) {
    try {
      java.lang.reflect.Method m = ConfigOption.class.getDeclaredMethod("getClazz");
      m.setAccessible(true);
      return (Class<?>) m.invoke(o);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return o.hasDefaultValue() ? o.defaultValue().getClass() : String.class;
    }
  }

  private static String show(Object v) {
    if (v instanceof Duration d) {
      long ms = d.toMillis();
      if (ms % 60_000 == 0) {
        return ms / 60_000 + " min";
      }
      if (ms % 1000 == 0) {
        return ms / 1000 + " s";
      }
      return ms + " ms";
    }
    return String.valueOf(v);
  }

  /** Prints the table, for pasting into the document. */
  public static void main(String[] args) {
    System.out.print(args.length > 0 && args[0].equals("webhooks") ? destinationTable() : table());
  }
}
