"""The client's address: the one answer to "who is calling" by network address.

The rate limits (ours and allauth's), the audit trail, the public forms' throttles and
`/metrics` all ask here. Behind a reverse proxy every request comes from the proxy, so the
address is read from `X-Forwarded-For`, but only when the immediate peer (`REMOTE_ADDR`)
is one of the trusted proxies (`TRUSTED_PROXIES`, addresses or networks; empty by
default): anyone else could write that header. The header is read from the right, the
end our proxy appended to, skipping the trusted proxies; the first address that is not
one of them is the client. Whatever a client wrote further left is never read.

A library was considered (django-ipware, python-ipware): they read a list of headers in
an order of precedence (`X-Real-IP`, `Client-IP`, … which nginx passes through as the
client wrote them) and do not ask whether the immediate peer is a proxy we run, so they
answer the question this module exists to answer differently; the rule above is a few
lines of the standard library.
"""

from __future__ import annotations

import functools
import ipaddress

from django.conf import settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(values) -> tuple[IPNetwork, ...]:
    """ "127.0.0.1", "10.0.0.0/8", "::1" -> networks; ValueError names the bad one."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(str(value).strip(), strict=False))
        except ValueError:
            raise ValueError(
                f"{value!r} is not an IP address or network (e.g. 127.0.0.1, ::1, 10.0.0.0/8)"
            ) from None
    return tuple(networks)


@functools.lru_cache(maxsize=8)
def _trusted_networks(values: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    return parse_networks(values)


def _address(value: str) -> IPAddress | None:
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def client_ip(request) -> str:
    """The address of the client that sent the request ("" when the server gave none)."""
    peer = _address(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return ""
    trusted = _trusted_networks(tuple(settings.TECHNOPARK_TRUSTED_PROXIES))
    client = peer
    if trusted and any(peer in network for network in trusted):
        for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
            address = _address(hop)
            if address is None:
                break  # garbage: keep the last address a trusted proxy vouched for
            client = address
            if not any(address in network for network in trusted):
                break
    return str(client)
