"""The `compare` fixture (a case against every server of hostile.SERVERS) and the table
of both servers' outcomes printed at the end of the run."""

import pytest

import hostile

# (test name, {server: outcome}) of every comparison, in the order they ran.
_comparisons = []


@pytest.fixture
def compare(request, tmp_path):
    """`compare(case, service="plain", extra=())` runs `case(peer)` against a fresh
    libtls12 server and a fresh OpenSSL server, both running `service` with the options
    `extra` (see hostile.server_command);
    returns the outcomes (libtls12's, OpenSSL's) and keeps them for the table."""

    def run(case, service="plain", extra=()):
        outcomes = {
            kind: hostile.run_case(kind, case, tmp_path / f"{kind}.log", service, extra) for kind in hostile.SERVERS
        }
        _comparisons.append((request.node.name, outcomes))
        return tuple(outcomes[kind] for kind in hostile.SERVERS)

    return run


def pytest_terminal_summary(terminalreporter):
    """Prints every case's outcome on each server."""
    if not _comparisons:
        return
    terminalreporter.section("libtls12 vs OpenSSL")
    for name, outcomes in _comparisons:
        terminalreporter.write_line(name)
        for kind, outcome in outcomes.items():
            terminalreporter.write_line(f"    {kind:9} {outcome}")
