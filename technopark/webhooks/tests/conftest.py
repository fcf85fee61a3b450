"""A real HTTP receiver for the webhook tests: a local http.server in a thread that checks
each message's signature with the standardwebhooks library, as a receiver would."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    verified: bool
    data: dict | None


@dataclass
class Receiver:
    url: str
    secret: str = ""  # set once the subscription exists
    status: int = 200
    answer: bytes = b'{"ok":true}'
    messages: list[Received] = field(default_factory=list)


@pytest.fixture
def receiver():
    state = Receiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            headers = {k.lower(): v for k, v in self.headers.items()}
            try:
                data = Webhook(state.secret).verify(body, headers)
                verified = True
            except (WebhookVerificationError, ValueError):
                data, verified = None, False
            state.messages.append(Received(headers, body, verified, data))
            self.send_response(state.status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(state.answer)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def message_types(receiver: Receiver) -> list[str]:
    return [json.loads(m.body)["type"] for m in receiver.messages]
