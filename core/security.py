"""Who is asking: the client's IP address, read correctly behind the reverse proxy.

Behind nginx (one trusted proxy) ``REMOTE_ADDR`` is the proxy's address; the client's address is the
entry the proxy appended to ``X-Forwarded-For``, i.e. the ``TRUSTED_PROXY_COUNT``-th from the right.
Entries further left were sent by the client and can be forged, so they are never used. The header
is read only when the connection comes from ``TRUSTED_PROXY_NETWORKS``: a client reaching gunicorn
directly cannot choose its own address (and so its own rate-limit or lockout counter).
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def _from_trusted_proxy(remote: str) -> bool:
    try:
        address = ipaddress.ip_address(remote.strip())
    except ValueError:
        return False
    networks = getattr(settings, "TRUSTED_PROXY_NETWORKS", ())
    return any(address in ipaddress.ip_network(network, strict=False) for network in networks)


def client_ip(request: HttpRequest) -> str:
    """The client's IP address; used by django-axes and the rate limiter."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    hops = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if hops > 0 and _from_trusted_proxy(remote):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= hops:
            address = _valid_ip(forwarded[-hops])
            if address:
                return address
    return _valid_ip(remote) or "0.0.0.0"  # noqa: S104 - a placeholder key, never bound
