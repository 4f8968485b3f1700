package io.frictionflow.event;

import java.util.Map;

/**
 * One browser behavioural event in the canonical model (see {@code docs/events.md}).
 *
 * <p>A record so that Flink serializes it as a POJO and FlinkCEP gets value equality. Times are
 * epoch milliseconds. {@code time} is the event time the job runs on: the device time corrected for
 * clock skew when the tracker sent {@code sent_at} and the collector stamped {@code received_at}.
 * Free properties and unknown top-level fields are kept as JSON text so that nothing the tracker
 * sent is lost and no Kryo fallback is needed.
 *
 * @param eventId unique per event; trackers may resend it
 * @param sessionId the key of everything downstream
 * @param type event type, e.g. {@code click}; unknown types are kept
 * @param time skew-corrected event time
 * @param ts device time as sent
 * @param sentAt device time at sending, or null
 * @param receivedAt collector time at receipt, or null
 * @param how for {@code navigate}: link, back, forward, reload
 * @param state for {@code visibility}: visible or hidden
 * @param modifiers pressed modifier keys on a click, e.g. {@code ctrl} or {@code meta+shift}
 * @param props free properties: name to JSON text of the value
 * @param extra unknown top-level fields: name to JSON text of the value
 * @param ingestedAtMicros wall clock when the job decoded the event, for detection-delay metrics
 */
public record Event(
    String eventId,
    String sessionId,
    String type,
    long time,
    long ts,
    Long sentAt,
    Long receivedAt,
    String anonymousId,
    String userId,
    Page page,
    Target target,
    Double x,
    Double y,
    Viewport viewport,
    Device device,
    Scroll scroll,
    FormField field,
    ErrorInfo error,
    Pointer pointer,
    Network network,
    String how,
    String state,
    String modifiers,
    Map<String, String> props,
    Map<String, String> extra,
    long ingestedAtMicros) {}
