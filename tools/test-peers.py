#!/usr/bin/env python3
"""Plain-text peers for tools/test.sh, so that -starttls and -proxy meet a real server.

    test-peers.py starttls PROTOCOL CERT KEY   speaks PROTOCOL's plain-text start, then
                                               TLS (Python's ssl, that is OpenSSL), and
                                               answers one line reversed
    test-peers.py proxy                        an HTTP CONNECT proxy

Each prints "ACCEPT 127.0.0.1:PORT" and serves connections one at a time until killed.
"""
import socket
import ssl
import sys
import threading
import time


def read_until(conn, marker):
    """Reads until marker has arrived (byte by byte: nothing after it is taken)."""
    data = b""
    while marker not in data:
        byte = conn.recv(1)
        if not byte:
            raise EOFError("the client closed before " + repr(marker))
        data += byte
    return data


def line(conn):
    return read_until(conn, b"\n")


def expect(conn, command):
    """Reads a line that must be command (case-insensitive), else raises ValueError."""
    if line(conn).strip().upper() != command:
        raise ValueError("expected " + command.decode())


def smtp(conn):
    conn.sendall(b"220 mail.test ESMTP ready\r\n")
    if not line(conn).upper().startswith(b"EHLO "):
        raise ValueError("no EHLO")
    conn.sendall(b"250-mail.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n")
    expect(conn, b"STARTTLS")
    conn.sendall(b"220 2.0.0 Ready to start TLS\r\n")


def pop3(conn):
    conn.sendall(b"+OK POP3 ready\r\n")
    expect(conn, b"STLS")
    conn.sendall(b"+OK Begin TLS\r\n")


def imap_command(conn, command):
    """Reads a tagged IMAP command that must be command; returns its tag."""
    tag, text = line(conn).split(None, 1)
    if text.strip().upper() != command:
        raise ValueError("expected " + command.decode())
    return tag


def imap(conn):
    conn.sendall(b"* OK IMAP4rev1 ready\r\n")
    tag = imap_command(conn, b"CAPABILITY")
    conn.sendall(b"* CAPABILITY IMAP4rev1 STARTTLS\r\n" + tag + b" OK CAPABILITY done\r\n")
    tag = imap_command(conn, b"STARTTLS")
    conn.sendall(tag + b" OK Begin TLS\r\n")


def ftp(conn):
    conn.sendall(b"220-test FTP\r\n220 ready\r\n")
    expect(conn, b"AUTH TLS")
    conn.sendall(b"234 AUTH TLS ok\r\n")


def xmpp(conn):
    read_until(conn, b">")  # the stream header, after any XML declaration
    conn.sendall(b"<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                 b"xmlns:stream='http://etherx.jabber.org/streams' id='1' from='test' "
                 b"version='1.0'><stream:features><starttls "
                 b"xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:features>")
    read_until(conn, b"<starttls")
    read_until(conn, b">")
    conn.sendall(b"<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")


def ldap(conn):
    request = read_until(conn, b"1.3.6.1.4.1.1466.20037")
    if request[0] != 0x30 or 0x77 not in request:
        raise ValueError("not an LDAP extended request")
    # ExtendedResponse, message id 1, resultCode success, empty DN and message.
    conn.sendall(bytes([0x30, 0x0c, 0x02, 0x01, 0x01, 0x78, 0x07, 0x0a, 0x01, 0x00,
                        0x04, 0x00, 0x04, 0x00]))


def postgres(conn):
    request = b""
    while len(request) < 8:
        request += conn.recv(8 - len(request))
    if request != bytes([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]):
        raise ValueError("not an SSLRequest")
    conn.sendall(b"S")


def mysql(conn):
    caps = 0x0200 | 0x0800 | 0x8000 | 0x80000  # protocol 41, SSL, secure connection, plugin auth
    payload = (bytes([10]) + b"8.0.36-test\0" + (1).to_bytes(4, "little") + b"abcdefgh\0" +
               (caps & 0xffff).to_bytes(2, "little") + bytes([0x21]) + (2).to_bytes(2, "little") +
               (caps >> 16).to_bytes(2, "little") + bytes([21]) + bytes(10) +
               b"ijklmnopqrst\0" + b"mysql_native_password\0")
    conn.sendall(len(payload).to_bytes(3, "little") + bytes([0]) + payload)
    head = b""
    while len(head) < 4:
        head += conn.recv(4 - len(head))
    body_len = int.from_bytes(head[:3], "little")
    body = b""
    while len(body) < body_len:
        body += conn.recv(body_len - len(body))
    if int.from_bytes(body[:4], "little") & 0x0800 == 0:
        raise ValueError("no SSL request")


def serve_starttls(listener, talk, cert, key):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    while True:
        conn, _ = listener.accept()
        try:
            talk(conn)
            with context.wrap_socket(conn, server_side=True) as tls:
                text = b""
                while not text.endswith(b"\n"):
                    data = tls.recv(1024)
                    if not data:
                        break
                    text += data
                tls.sendall(text.rstrip(b"\r\n")[::-1] + b"\n")
                tls.unwrap()
        except (OSError, ValueError, EOFError, ssl.SSLError) as e:
            print("connection failed:", e, flush=True)
        finally:
            conn.close()


def pipe(source, target):
    try:
        while True:
            data = source.recv(16384)
            if not data:
                break
            target.sendall(data)
    except OSError:
        pass
    finally:
        try:
            target.shutdown(socket.SHUT_WR)
        except OSError:
            pass


def serve_proxy(listener):
    while True:
        conn, _ = listener.accept()
        head = read_until(conn, b"\r\n\r\n")
        method, target = head.split(b"\r\n")[0].split()[:2]
        if method != b"CONNECT":
            conn.sendall(b"HTTP/1.0 405 Method Not Allowed\r\n\r\n")
            conn.close()
            continue
        host, port = target.rsplit(b":", 1)
        upstream = socket.create_connection((host.decode(), int(port)))
        print("CONNECT", target.decode(), flush=True)
        conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        # openssl s_client reads the proxy's reply through a buffering BIO that it then
        # drops, losing whatever came in the same read: hold the server's first words
        # (an SMTP greeting) back until the reply has surely been read on its own.
        time.sleep(0.5)
        threading.Thread(target=pipe, args=(upstream, conn), daemon=True).start()
        threading.Thread(target=pipe, args=(conn, upstream), daemon=True).start()


def main():
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    print("ACCEPT 127.0.0.1:%d" % listener.getsockname()[1], flush=True)
    if sys.argv[1] == "proxy":
        serve_proxy(listener)
    else:
        talks = {"smtp": smtp, "pop3": pop3, "imap": imap, "ftp": ftp, "xmpp": xmpp,
                 "ldap": ldap, "postgres": postgres, "mysql": mysql}
        serve_starttls(listener, talks[sys.argv[2]], sys.argv[3], sys.argv[4])


if __name__ == "__main__":
    main()
