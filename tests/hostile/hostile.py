"""Hostile peers: tlslite-ng, a TLS implementation in Python that sends whatever it is
told to, plays a misbehaving client against a server, once against libtls12's
`tls12 s_server` and once against `openssl s_server`, so that each case shows both.

A case is a function that gets a connected `Peer` and returns its `Outcome`:

    def case(peer):
        peer.handshake()
        peer.send([(ContentType.application_data, b"")] * 40)
        return peer.collect()

The `compare` fixture of conftest.py runs it against a fresh server of each kind
(`compare(case, service="rev")` for one that sends lines back, see server_command) and
returns the two outcomes (libtls12's first); the test asserts what libtls12 must do
and, where the expected behaviour is "as OpenSSL", that both are equal. Every
comparison is printed in a table at the end of the run. A new group of cases is a new
test_*.py file beside this one.

The locations come from the environment that run.sh sets: TLS12_TOOL (the tls12 binary)
and TLS12_TEST_CERTS (the test PKI of tests/gen-certs.sh).
"""

import os
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from tlslite import HandshakeSettings, TLSConnection
from tlslite.constants import AlertDescription, AlertLevel, ContentType
from tlslite.errors import TLSAbruptCloseError, TLSError
from tlslite.messages import Message

ROOT = Path(__file__).resolve().parents[2]

# The implementations every case runs against, in the order the outcomes come back.
SERVERS = ("libtls12", "openssl")

# Seconds a server may take to start listening.
READY_TIMEOUT = 10
# Seconds a connection attempt or the handshake may take.
HANDSHAKE_TIMEOUT = 5
# Seconds of silence after which `Peer.collect` takes the server to have no more to say
# and the connection to stay open.
SILENCE = 1.0


# The services a server can run after the handshake (see server_command).
SERVICES = ("plain", "rev")


def server_command(kind, service="plain", extra=()):
    """The command line of the server `kind` (one of SERVERS): RSA certificate with its
    chain, TLS 1.2, listening on a free port of 127.0.0.1, then the options `extra`
    (the same for both servers, such as ("-groups", "P-256:ffdhe3072")). `service` is what it does
    after the handshake: "plain", s_server's default (libtls12's echoes what arrives,
    OpenSSL's prints it and sends nothing: its standard input stays open and empty),
    or "rev", each line sent back reversed. (OpenSSL's -rev sleeps a second after each
    record that brought no application data, so floods use "plain".)"""
    if service not in SERVICES:
        raise ValueError(f"unknown service {service!r}")
    certs = Path(os.environ.get("TLS12_TEST_CERTS", ROOT / "target/test-certs"))
    options = [
        "-accept", "127.0.0.1:0",
        "-cert", str(certs / "rsa-chain.pem"),
        "-key", str(certs / "rsa.key"),
        "-tls1_2",
    ]
    if service == "rev":
        options.append("-rev")
    options.extend(extra)
    if kind == "libtls12":
        tool = os.environ.get("TLS12_TOOL", str(ROOT / "build/tls12/tls12"))
        return [tool, "s_server", *options]
    if kind == "openssl":
        return ["openssl", "s_server", *options]
    raise ValueError(f"unknown server {kind!r}")


class Server:
    """A server process (context manager): started with `server_command(kind, service)`,
    its output in `log_path`, stopped (SIGTERM, then SIGKILL) when the block ends;
    `extra` are more options for server_command."""

    def __init__(self, kind, log_path, service="plain", extra=()):
        self.kind = kind
        self.service = service
        self.extra = tuple(extra)
        self.log_path = Path(log_path)
        self.port = None
        self._process = None

    def __enter__(self):
        with open(self.log_path, "wb") as log:
            self._process = subprocess.Popen(
                server_command(self.kind, self.service, self.extra),
                stdin=subprocess.PIPE,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + READY_TIMEOUT
        while self.port is None:
            for line in self.log().splitlines():
                if line.startswith("ACCEPT ") and ":" in line:
                    self.port = int(line.rsplit(":", 1)[1])
            if self.port is None:
                if not self.alive() or time.monotonic() > deadline:
                    self.__exit__(None, None, None)
                    raise RuntimeError(f"{self.kind} server did not start:\n{self.log()}")
                time.sleep(0.02)
        return self

    def __exit__(self, *exc):
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process.stdin.close()

    def alive(self):
        """Whether the process still runs (a server that serves forever and stopped has
        crashed)."""
        return self._process.poll() is None

    def log(self):
        """What the server printed so far."""
        return self.log_path.read_text(errors="replace")


def alert_name(description):
    """An alert description's name, as in RFC 5246 (its number when unknown)."""
    return AlertDescription.toStr(description)


@dataclass
class Outcome:
    """What one connection brought back from the server."""

    # Every alert received, in order, as (level, description).
    alerts: list = field(default_factory=list)
    # Application data received.
    data: bytes = b""
    # How many application-data records brought it.
    data_records: int = 0
    # How the connection ended: "closed" (end of stream), "reset", or None when it was
    # still open when `Peer.collect` stopped (after SILENCE seconds without a record, or
    # when its condition held).
    closed: str = None
    # Why tlslite-ng gave up on the handshake (None: completed, or not attempted).
    handshake_error: str = None
    # The server's ServerKeyExchange signature scheme as (hash, signature) code
    # points, after a completed handshake that had one.
    signature_scheme: tuple = None
    # Whether the server process still ran after the case.
    server_alive: bool = True
    # The server's output (for failure messages).
    server_log: str = ""

    def warnings(self, description):
        """How many warning alerts of this description arrived."""
        return self.alerts.count((AlertLevel.warning, description))

    @property
    def fatal(self):
        """The description of the first fatal alert, or None."""
        return next((d for level, d in self.alerts if level == AlertLevel.fatal), None)

    def same_as(self, other):
        """Whether both servers answered alike: the same alerts and data, and the same
        ending."""
        return (self.alerts, self.data, self.closed) == (other.alerts, other.data, other.closed)

    def __str__(self):
        runs = []
        for alert in self.alerts:
            if runs and runs[-1][0] == alert:
                runs[-1][1] += 1
            else:
                runs.append([alert, 1])
        parts = [f"data {self.data!r}"] if self.data else []
        if self.signature_scheme:
            parts.append("ServerKeyExchange signed with {:#04x}{:02x}".format(*self.signature_scheme))
        for (level, description), count in runs:
            text = f"{'fatal' if level == AlertLevel.fatal else 'warning'} {alert_name(description)}"
            parts.append(f"{count} x {text}" if count > 1 else text)
        if self.handshake_error:
            parts.append(f"handshake failed ({self.handshake_error})")
        parts.append(f"connection {self.closed or 'open'}")
        if not self.server_alive:
            parts.append("SERVER DIED")
        return "; ".join(parts)

    def explain(self):
        """The outcome and the server's output, for a failure message."""
        return f"{self}\n--- server output:\n{self.server_log}"


class _Connection(TLSConnection):
    """tlslite-ng's connection, with two additions: every record received is noted in
    an `Outcome` (so alerts that tlslite-ng handles itself during the handshake are
    seen too), and records can be injected before or after a handshake message of a
    given type is sent."""

    def __init__(self, sock, outcome):
        super().__init__(sock)
        self.closeSocket = False
        self.before = {}
        self.after = {}
        receive = self._recordLayer.recvRecord

        def noting_receive():
            for result in receive():
                if result not in (0, 1):
                    header, parser = result
                    payload = bytes(parser.bytes[parser.index:])
                    if header.type == ContentType.alert and len(payload) == 2:
                        outcome.alerts.append((payload[0], payload[1]))
                    elif header.type == ContentType.application_data:
                        outcome.data += payload
                        outcome.data_records += 1
                yield result

        self._recordLayer.recvRecord = noting_receive

    def _sendMsg(self, msg, randomizeFirstBlock=True, update_hashes=True):
        body = msg.write()
        typ = body[0] if msg.contentType == ContentType.handshake and body else None
        yield from self._send_injected(self.before.pop(typ, []))
        yield from super()._sendMsg(msg, randomizeFirstBlock, update_hashes)
        yield from self._send_injected(self.after.pop(typ, []))

    def _send_injected(self, records):
        for content_type, payload in records:
            yield from super()._sendMsg(Message(content_type, bytearray(payload)), False, False)


def alert(description, level=AlertLevel.warning):
    """An alert record, as (content type, payload) for `Peer.send` and the injections
    of `Peer.handshake`."""
    return (ContentType.alert, bytes([level, description]))


class Peer:
    """The hostile client: one TCP connection to 127.0.0.1:port, spoken to through
    tlslite-ng (TLS 1.2 only)."""

    def __init__(self, port):
        self.outcome = Outcome()
        self._socket = socket.create_connection(("127.0.0.1", port), timeout=HANDSHAKE_TIMEOUT)
        self.connection = _Connection(self._socket, self.outcome)

    def handshake(self, before=None, after=None, settings=None, cert_chain=None, private_key=None, server_name=None):
        """A full handshake, with the client certificate `cert_chain` (tlslite-ng's
        X509CertChain) and its `private_key` when given. `before` and `after` map a
        handshake type (tlslite.constants.HandshakeType) to a list of records, each
        (content type, payload), sent unchanged (no fragmenting, not hashed) just
        before or after the first message of that type; `settings` maps attributes of
        tlslite-ng's HandshakeSettings to values (such as {"eccCurves": ["secp256r1"]});
        `server_name` is the SNI name to send.
        Returns whether the handshake completed; if not, the reason is in the outcome."""
        self.connection.before = dict(before or {})
        self.connection.after = dict(after or {})
        handshake_settings = HandshakeSettings()
        handshake_settings.minVersion = handshake_settings.maxVersion = (3, 3)
        for name, value in (settings or {}).items():
            setattr(handshake_settings, name, value)
        try:
            self.connection.handshakeClientCert(
                cert_chain, private_key, settings=handshake_settings, serverName=server_name
            )
        except (TLSError, OSError) as error:
            self.outcome.handshake_error = f"{type(error).__name__}: {error}"
            return False
        self.outcome.signature_scheme = self.connection.serverSigAlg
        return True

    def send(self, records):
        """Sends records, each (content type, payload), in one TCP write, protected
        when the handshake has completed. The payloads are sent as they are: a
        handshake message is not checked, and not fragmented unless it is longer than
        a record can be. Returns False when the server had already gone."""
        sock = self.connection.sock
        sock.buffer_writes = True
        try:
            for content_type, payload in records:
                msg = Message(content_type, bytearray(payload))
                for _ in self.connection._sendMsg(msg, False, False):
                    pass
            sock.flush()
            return True
        except OSError:
            return False
        finally:
            sock.buffer_writes = False

    def write(self, data):
        """Sends application data."""
        self.connection.write(data)

    def collect(self, until=None):
        """Reads records (noting alerts and data in the outcome) until the server
        closes the connection, SILENCE seconds pass without a record, or
        `until(outcome)` holds. Returns the outcome."""
        self._socket.settimeout(SILENCE)
        while self.outcome.closed is None and not (until and until(self.outcome)):
            try:
                for result in self.connection._recordLayer.recvRecord():
                    if result not in (0, 1):
                        break
            except TLSAbruptCloseError:
                self.outcome.closed = "closed"
            except ConnectionResetError:
                self.outcome.closed = "reset"
            except socket.timeout:
                break
            except TLSError as error:
                # Not readable as TLS (after tlslite-ng gave up on the handshake, its
                # record layer no longer decrypts): note it and stop.
                self.outcome.handshake_error = self.outcome.handshake_error or f"{type(error).__name__}"
                break
        return self.outcome

    def close(self):
        """Closes the TCP connection."""
        self._socket.close()


def run_case(kind, case, log_path, service="plain", extra=()):
    """Runs `case(peer)` against a fresh server `kind` running `service` with the options
    `extra`; returns its outcome, with the server's state and output."""
    with Server(kind, log_path, service, extra) as server:
        peer = Peer(server.port)
        try:
            outcome = case(peer)
        finally:
            peer.close()
        # Give a crash the time to show.
        time.sleep(0.05)
        outcome.server_alive = server.alive()
        outcome.server_log = server.log()
    return outcome
