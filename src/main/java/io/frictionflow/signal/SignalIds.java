package io.frictionflow.signal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Deterministic signal ids: the same match always gets the same id, and different matches not. */
public final class SignalIds {
  private SignalIds() {}

  /**
   * The id of a match: SHA-256 over the pattern key, its version, the session id and every matched
   * event id in order, each part followed by a byte that cannot occur in UTF-8 text (so the parts
   * cannot run into each other), cut to 128 bits and printed as 32 hex digits.
   *
   * <p>The event ids are hashed as first, those in between, last; a one-event match hashes its one
   * id as first and as last. So matches of one or two events keep the ids that earlier versions
   * (which hashed only the first and last ids) gave them, and only longer matches changed.
   *
   * @param patternKey the pattern id, with {@code /<kind>} appended for signals of another kind
   *     than {@code match}
   * @param eventIds the matched events' ids in the signal's order; at least one
   */
  public static String of(
      String patternKey, int patternVersion, String sessionId, List<String> eventIds) {
    if (eventIds.isEmpty()) {
      throw new IllegalArgumentException("a signal id needs at least one event id");
    }
    MessageDigest sha = sha256();
    update(sha, patternKey);
    update(sha, Integer.toString(patternVersion));
    update(sha, sessionId);
    for (String id : eventIds) {
      update(sha, id);
    }
    if (eventIds.size() == 1) {
      update(sha, eventIds.get(0));
    }
    return HexFormat.of().formatHex(sha.digest(), 0, 16);
  }

  /**
   * The id of a signal identified by two parts (an intent crossing: its event twice; a session end:
   * its start and its event count); the same as {@link #of(String, int, String, List)} over {@code
   * [first, last]}.
   */
  public static String of(
      String patternKey, int patternVersion, String sessionId, String first, String last) {
    return of(patternKey, patternVersion, sessionId, List.of(first, last));
  }

  private static void update(MessageDigest sha, String part) {
    sha.update(part.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0xff);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
