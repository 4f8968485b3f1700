#!/usr/bin/env python3
"""The webhook-receiver service of docker/compose.yaml.

Logs every request it gets (method, path, headers, body) to standard output and answers 200.
When WEBHOOK_SECRET is set (a whsec_ secret), it also checks the Standard Webhooks signature
(docs/webhooks.md) and notes repeated webhook-ids (retries and replays after a failover), but it
answers 200 either way: it is a test endpoint, not a gate. Standard library only.
"""
import base64
import hashlib
import hmac
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(os.environ.get("PORT", "8080"))
SECRET = os.environ.get("WEBHOOK_SECRET", "").strip()
KEY = base64.b64decode(SECRET.removeprefix("whsec_")) if SECRET else None

_seen = set()
_lock = threading.Lock()


def signature_check(headers, body: bytes) -> str:
    """A word on the request's signature: valid, INVALID, missing, or unchecked."""
    if KEY is None:
        return "unchecked (WEBHOOK_SECRET unset)"
    msg_id = headers.get("webhook-id")
    ts = headers.get("webhook-timestamp")
    sigs = headers.get("webhook-signature")
    if not (msg_id and ts and sigs):
        return "missing"
    signed = f"{msg_id}.{ts}.".encode() + body
    expected = base64.b64encode(hmac.new(KEY, signed, hashlib.sha256).digest()).decode()
    ok = any(
        hmac.compare_digest(expected, s.split(",", 1)[1])
        for s in sigs.split(" ")
        if s.startswith("v1,")
    )
    skew = abs(time.time() - int(ts)) if ts.isdigit() else None
    if not ok:
        return "INVALID"
    if skew is None or skew > 300:
        return f"valid, but timestamp {ts} is more than 5 min off"
    return "valid"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "frictionflow-webhook-receiver"

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        if not (self.command == "GET" and self.path == "/healthz"):
            lines = [f"=== {time.strftime('%Y-%m-%dT%H:%M:%S%z')} {self.command} {self.path}"]
            lines += [f"{k}: {v}" for k, v in self.headers.items()]
            msg_id = self.headers.get("webhook-id")
            if msg_id:
                with _lock:
                    repeat = msg_id in _seen
                    _seen.add(msg_id)
                lines.append(f"# signature: {signature_check(self.headers, body)}")
                lines.append(f"# webhook-id {msg_id}: {'REPEATED' if repeat else 'first time'}")
            lines.append("")
            lines.append(body.decode("utf-8", "replace"))
            print("\n".join(lines), flush=True)
        reply = b"ok\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer

    def log_message(self, fmt, *args):  # the request is logged above, in full
        pass


if __name__ == "__main__":
    print(f"webhook-receiver listening on :{PORT}", file=sys.stderr, flush=True)
    ThreadingHTTPServer(("0.0.0.0", PORT), Handler).serve_forever()
