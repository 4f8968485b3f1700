#!/usr/bin/env python3
"""Aggregates a JFR recording's execution samples into the bench's cost categories.

Usage: bench/jfr-categories.py RECORDING.jfr [--top N]

Runs `jfr print --stack-depth 64 --events jdk.ExecutionSample,jdk.NativeMethodSample`
(Java and native samples: RocksDB works in native code) (the JDK's jfr tool on PATH or
next to java) and assigns every sample of a Flink task thread to the first category whose rule
matches a frame, scanning from the innermost frame outwards: a RocksDB read under the CEP operator
counts as state access, a Jackson call under the decoder as JSON decoding. Prints the share of
task-thread samples per category and the hottest innermost frames. See docs/performance.md.
"""
import collections
import os
import re
import shutil
import subprocess
import sys

# (category, frame prefixes); the first rule matching the innermost frame wins, else the next frame.
RULES = [
    ("JSON decoding", ["io.frictionflow.event.", "io.frictionflow.ingest.DecodeFunction",
                        "io.frictionflow.ingest.Decoded"]),
    ("condition evaluation", ["io.frictionflow.pattern.Conditions",
                               "io.frictionflow.pattern.MatchReading",
                               "org.apache.flink.cep.pattern.conditions.",
                               "org.apache.flink.cep.nfa.NFA.checkFilterCondition"]),
    ("serialization (state and network)", ["org.apache.flink.api.common.typeutils.",
                                           "org.apache.flink.api.java.typeutils.runtime.",
                                           "org.apache.flink.core.memory.DataOutputSerializer",
                                           "org.apache.flink.core.memory.DataInputDeserializer",
                                           "org.apache.flink.streaming.runtime.streamrecord.StreamElementSerializer",
                                           "org.apache.flink.runtime.io.network.api.serialization.",
                                           "org.apache.flink.cep.nfa.sharedbuffer.Lockable$LockableTypeSerializer",
                                           "org.apache.flink.cep.nfa.NFAStateSerializer",
                                           "org.apache.flink.cep.nfa.sharedbuffer.SharedBufferNode"]),
    ("state access (RocksDB, heap maps)", ["org.rocksdb.", "org.apache.flink.state.rocksdb.",
                                           "org.apache.flink.contrib.streaming.state.",
                                           "org.apache.flink.runtime.state.heap.",
                                           "org.apache.flink.runtime.state.v2.",
                                           "org.apache.flink.runtime.state.ttl."]),
    ("CEP buffering, NFA and timers", ["org.apache.flink.cep.",
                                       "org.apache.flink.streaming.api.operators.InternalTimerServiceImpl",
                                       "org.apache.flink.streaming.api.operators.TimerHeapInternalTimer",
                                       "org.apache.flink.runtime.state.heap.HeapPriorityQueue"]),
    ("session operator (features, intent, context JSON)", ["io.frictionflow.session.",
                                                           "io.frictionflow.score."]),
    ("dedupe, fire policy, match to signal", ["io.frictionflow.ingest.DedupeFunction",
                                              "io.frictionflow.detect."]),
    ("network, watermarks, task runtime", ["org.apache.flink.runtime.io.",
                                           "org.apache.flink.streaming.runtime.",
                                           "org.apache.flink.streaming.api.operators.",
                                           "org.apache.flink.runtime.taskmanager."]),
]

FRAME = re.compile(r"^\s+([\w$.<>]+)\(")


def jfr_tool():
    found = shutil.which("jfr")
    if found:
        return found
    java = os.path.realpath(shutil.which("java"))
    return os.path.join(os.path.dirname(java), "jfr")


def samples(recording):
    out = subprocess.run([jfr_tool(), "print", "--stack-depth", "64", "--events",
                          "jdk.ExecutionSample,jdk.NativeMethodSample", recording],
                         check=True, capture_output=True, text=True).stdout
    thread, frames, in_stack = None, [], False
    for line in out.splitlines():
        s = line.strip()
        if s.startswith("jdk.ExecutionSample") or s.startswith("jdk.NativeMethodSample"):
            thread, frames, in_stack = None, [], False
        elif s.startswith("sampledThread"):
            thread = s.split("=", 1)[1].strip()
        elif s.startswith("stackTrace = ["):
            in_stack = True
        elif in_stack and s == "]":
            in_stack = False
            yield thread, frames
        elif in_stack:
            m = FRAME.match(line)
            if m:
                frames.append(m.group(1))


def category(frames):
    for f in frames:
        for name, prefixes in RULES:
            if any(f.startswith(p) for p in prefixes):
                return name
    return "other (JDK, collections, logging)"


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 15
    counts, hot = collections.Counter(), collections.Counter()
    total = 0
    for thread, frames in samples(sys.argv[1]):
        # Task threads are named after their operator chain, e.g. "cep rage-click (1/2)#0".
        if not thread or not re.search(r"\(\d+/\d+\)", thread) or not frames:
            continue
        total += 1
        counts[category(frames)] += 1
        hot[frames[0]] += 1
    print(f"{total} task-thread samples")
    for name, n in counts.most_common():
        print(f"{100.0 * n / total:5.1f}%  {name}")
    print("\nhottest innermost frames:")
    for f, n in hot.most_common(top):
        print(f"{100.0 * n / total:5.1f}%  {f}")


if __name__ == "__main__":
    main()
