package io.frictionflow.pattern;

import io.frictionflow.pattern.Conditions.NumOp;

/**
 * One numeric test read from a pattern file, e.g. {@code lt: 5}; {@code between: [a, b]} reads as
 * two.
 *
 * @param op how the actual number compares with {@code value}
 * @param value the bound; milliseconds for a duration
 */
record Bound(NumOp op, double value) {}
