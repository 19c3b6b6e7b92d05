"""The address a log-in attempt counts against: the peer, or what a trusted proxy forwarded; never "unknown"."""

from __future__ import annotations

import pytest

from analytics.security import DEFAULT_TRUSTED_PROXIES, InvalidInput, client_address, trusted_networks

LOCAL_PROXY = trusted_networks(DEFAULT_TRUSTED_PROXIES)  # nginx on the same machine, as the README sets it up
LAN_PROXY = trusted_networks("10.0.0.5, 10.0.1.0/24")


@pytest.mark.parametrize(
    "peer, forwarded, trusted, expected",
    [
        # no proxy: the peer itself
        ("203.0.113.7", None, LOCAL_PROXY, "203.0.113.7"),
        ("203.0.113.7", "198.51.100.9", LOCAL_PROXY, "203.0.113.7"),  # an untrusted peer's header is ignored
        (None, None, LOCAL_PROXY, "127.0.0.1"),  # Streamlit gives no address for a peer on the same machine
        # behind the README's nginx: each client by its own address
        (None, "198.51.100.9", LOCAL_PROXY, "198.51.100.9"),
        (None, "203.0.113.66", LOCAL_PROXY, "203.0.113.66"),
        ("::1", "2001:db8::7", LOCAL_PROXY, "2001:db8::7"),
        # what the client wrote itself, left of what the proxy added, is not believed
        (None, "1.2.3.4, 198.51.100.9", LOCAL_PROXY, "198.51.100.9"),
        # a chain of trusted proxies: the right-most address that is not one of them
        ("10.0.0.5", "198.51.100.9, 10.0.1.20", LAN_PROXY, "198.51.100.9"),
        ("10.0.0.5", "10.0.1.20", LAN_PROXY, "10.0.0.5"),  # only proxies: the peer
        # no proxy trusted: the peer, even on the same machine
        (None, "198.51.100.9", (), "127.0.0.1"),
        # a garbled header: the proxy, the last address known for sure
        (None, "unknown", LOCAL_PROXY, "127.0.0.1"),
    ],
)
def test_the_client_address_is_the_peer_or_what_a_trusted_proxy_saw(peer, forwarded, trusted, expected):
    assert client_address(peer, forwarded, trusted) == expected


def test_a_trusted_proxy_setting_that_is_not_an_address_is_refused_in_vietnamese():
    with pytest.raises(InvalidInput) as bad:
        trusted_networks("127.0.0.1, nginx.local")

    assert "«nginx.local» không hợp lệ" in bad.value.message
