"""A card gateway simulator that speaks CMI's 3D_PAY_HOSTING protocol over HTTP, run as its
own process (`technopark payment-gateway-simulator --port 8025`) by the demo and the tests.

- POST /fim/est3Dgate: the merchant's signed form (the hash is checked: a wrong one is a 400);
  answers the card page.
- POST /pay: the card page's form. Card 4111 1111 1111 1111 is approved, 4000 0000 0000 0002
  declined (any other number too). The simulator POSTs the signed result to the merchant's
  callbackUrl (server to server), then sends the browser to okUrl or failUrl with the same
  fields (an auto-submitted form, as the real gateway does).
- GET /calls: the callbacks made so far and the merchant's answers (JSON), for tests.

Standard library only (http.server), so it runs anywhere the project does.
"""

from __future__ import annotations

import html
import json
import secrets
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from technopark.payments.providers import cmi_hash

APPROVED_CARD = "4111111111111111"
DECLINED_CARD = "4000000000000002"


class Gateway:
    def __init__(self, *, client_id: str, store_key: str):
        self.client_id = client_id
        self.store_key = store_key
        self.orders: dict[str, dict[str, str]] = {}
        self.calls: list[dict] = []
        self.lock = threading.Lock()

    def result(self, params: dict[str, str], card: str) -> dict[str, str]:
        approved = card == APPROVED_CARD
        out = {k: v for k, v in params.items() if k != "HASH"}
        out.update(
            {
                "ProcReturnCode": "00" if approved else "51",
                "Response": "Approved" if approved else "Declined",
                "mdStatus": "1",
                "TransId": f"SIM{secrets.token_hex(5).upper()}",
                "AuthCode": f"{secrets.randbelow(10**6):06d}" if approved else "",
                "ErrMsg": "" if approved else "Insufficient funds",
                "MaskedPan": f"{card[:6]}******{card[-4:]}" if len(card) >= 10 else "",
                "EXTRA.TRXDATE": "",
            }
        )
        out["HASH"] = cmi_hash(out, self.store_key)
        return out

    def call_back(self, url: str, fields: dict[str, str]) -> tuple[int, str]:
        body = urllib.parse.urlencode(fields).encode()
        if not url.startswith(("http://", "https://")):
            return 0, "callbackUrl must be http(s)"
        request = urllib.request.Request(url, data=body, method="POST")  # noqa: S310 - checked
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                status, answer = response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as exc:
            status, answer = exc.code, exc.read().decode(errors="replace")
        except OSError as exc:
            status, answer = 0, str(exc)
        with self.lock:
            self.calls.append({"url": url, "fields": fields, "status": status, "answer": answer})
        return status, answer


PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>CMI (simulateur)</title>
<style>body{{font-family:sans-serif;max-inline-size:28rem;margin:2rem auto}}
label{{display:block;margin-block:.5rem}}</style></head><body>
<h1>Paiement sécurisé — simulateur CMI</h1><p>Commande {oid} : <strong>{amount} MAD</strong></p>
<form method="post" action="/pay"><input type="hidden" name="token" value="{token}">
<label>Numéro de carte <input name="pan" value="" autocomplete="off" required></label>
<label>Expiration <input name="expiry" value="12/30"></label>
<label>CVV <input name="cvv" value="000"></label>
<p><small>Carte acceptée : 4111 1111 1111 1111 — refusée : 4000 0000 0000 0002</small></p>
<button type="submit">Payer</button></form></body></html>"""

REDIRECT = """<!doctype html><html><head><meta charset="utf-8"><title>CMI</title></head>
<body onload="document.forms[0].submit()"><form method="post" action="{url}">{fields}
<noscript><button type="submit">Continuer</button></noscript></form></body></html>"""


def make_handler(gateway: Gateway):
    class Handler(BaseHTTPRequestHandler):
        server_version = "CMISimulator/1.0"

        def log_message(self, format, *args):  # noqa: A002 - http.server's signature
            pass

        def _form(self) -> dict[str, str]:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode("utf-8", errors="replace")
            return {k: v for k, v in urllib.parse.parse_qsl(raw, keep_blank_values=True)}

        def _send(self, status: int, body: str, kind: str = "text/html; charset=utf-8"):
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):  # noqa: N802 - http.server's name
            if self.path == "/calls":
                with gateway.lock:
                    self._send(200, json.dumps(gateway.calls), "application/json")
                return
            self._send(200, "CMI simulator", "text/plain; charset=utf-8")

        def do_POST(self):  # noqa: N802
            form = self._form()
            if self.path == "/fim/est3Dgate":
                if (
                    form.get("clientid") != gateway.client_id
                    or form.get("storetype") != "3D_PAY_HOSTING"
                    or form.get("HASH") != cmi_hash(form, gateway.store_key)
                ):
                    self._send(400, "Hash or merchant invalid", "text/plain; charset=utf-8")
                    return
                token = secrets.token_urlsafe(16)
                with gateway.lock:
                    gateway.orders[token] = form
                page = PAGE.format(
                    oid=html.escape(form.get("oid", "")),
                    amount=html.escape(form.get("amount", "")),
                    token=token,
                )
                self._send(200, page)
                return
            if self.path == "/pay":
                with gateway.lock:
                    params = gateway.orders.pop(form.get("token", ""), None)
                if params is None:
                    self._send(404, "Unknown or used payment page", "text/plain; charset=utf-8")
                    return
                card = "".join(ch for ch in form.get("pan", "") if ch.isdigit())
                fields = gateway.result(params, card)
                gateway.call_back(params.get("callbackUrl", ""), fields)
                url = params["okUrl"] if fields["ProcReturnCode"] == "00" else params["failUrl"]
                hidden = "".join(
                    f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                    for k, v in fields.items()
                )
                self._send(200, REDIRECT.format(url=html.escape(url), fields=hidden))
                return
            self._send(404, "Not found", "text/plain; charset=utf-8")

    return Handler


def serve(*, host: str, port: int, client_id: str, store_key: str, ready=None) -> None:
    gateway = Gateway(client_id=client_id, store_key=store_key)
    server = ThreadingHTTPServer((host, port), make_handler(gateway))
    if ready is not None:
        ready(server.server_address)
    try:
        server.serve_forever()
    finally:
        server.server_close()
