"""``python -m tls12``: prints the library's version, where it was loaded from, and the
cipher suites it supports (OpenSSL names, in default preference order)."""

from __future__ import annotations

import sys

from . import LIBRARY_PATH, LIBRARY_VERSION, PROTOCOL_TLS_CLIENT, Context


def main() -> int:
    """Prints the report; returns the exit status."""
    print(f"{LIBRARY_VERSION} ({LIBRARY_PATH})")
    print("protocol: TLSv1.2")
    ctx = Context(PROTOCOL_TLS_CLIENT)
    # "ALL" lists every suite the library implements, not only the default ones.
    try:
        ctx.set_ciphers("ALL")
    except Exception:  # noqa: BLE001 - fall back to the default list
        ctx = Context(PROTOCOL_TLS_CLIENT)
    suites = ctx.get_ciphers()
    print(f"cipher suites ({len(suites)}):")
    for suite in suites:
        print(f"  {suite['name']}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `python -m tls12 | head`
        sys.exit(0)
