// Uses the C++ wrapper (bindings/cpp/tls12.hpp) for handshakes and transfers over a
// socketpair, the client and the server on their own threads. Checks the lambdas
// (servername with a second virtual host, ALPN selection, verification), the owners
// (copies of a Context and a Certificate, a moved-from Connection) and the errors (a
// failed verification throws tls12::Error with the queue's text). Against the `openssl
// s_server` command: VerifyError's reasons, a CA directory made by `openssl rehash`, a
// non-blocking handshake and echo, PSK, a key log file, a session saved as bytes and
// resumed; PSK on both ends and an encrypted key (right and wrong password) between two
// wrapper ends.
//
//   cpp_wrapper [CERTS_DIR]     (default: $CERTS_DIR, then target/test-certs)
//
// Prints one line per check and exits with 1 when any failed.
#include <tls12.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

std::string certs_dir = "target/test-certs";
int failures = 0;
std::mutex output;

void check(bool ok, const std::string &what)
{
    std::lock_guard<std::mutex> lock(output);
    std::cout << (ok ? "ok   " : "FAIL ") << what << '\n';
    if (!ok)
        failures++;
}

std::string cert(const std::string &name) { return certs_dir + "/" + name; }

// One byte pattern for the transfer, different for each direction.
std::string pattern(std::size_t size, unsigned seed)
{
    std::string data(size, '\0');
    for (std::size_t i = 0; i < size; i++)
        data[i] = static_cast<char>((i * 31 + seed) & 0xff);
    return data;
}

constexpr std::size_t transfer_size = 1 << 20;

// Runs server(fd) on a thread and client(fd) here over a socketpair. An exception on
// either side is reported as a failed check named after the side.
void over_socketpair(const std::string &title, const std::function<void(int)> &client,
                     const std::function<void(int)> &server)
{
    int fds[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) {
        check(false, title + ": socketpair");
        return;
    }
    auto guarded = [&title](const char *side, const std::function<void(int)> &fn, int fd) {
        try {
            fn(fd);
        } catch (const std::exception &e) {
            check(false, title + ": " + side + " threw: " + e.what());
        }
        // Closing wakes the other side if this one stopped early.
        shutdown(fd, SHUT_RDWR);
    };
    std::thread server_thread(guarded, "server", std::cref(server), fds[1]);
    guarded("client", client, fds[0]);
    server_thread.join();
    close(fds[0]);
    close(fds[1]);
}

tls12::Context make_server_context(const tls12::Context &other_host)
{
    tls12::Context ctx(tls12::Role::server);
    ctx.use_certificate(cert("rsa-chain.pem"), cert("rsa.key"))
        .use_certificate(cert("ecdsa-chain.pem"), cert("ecdsa.key"));
    ctx.on_servername([other_host](tls12::ConnectionView conn, std::string_view name) {
        if (name == "other.test")
            conn.switch_context(other_host);
        return name.empty() || name == "localhost" || name == "other.test";
    });
    return ctx;
}

tls12::Context make_other_host()
{
    tls12::Context ctx(tls12::Role::server);
    ctx.use_certificate(cert("wronghost-chain.pem"), cert("wronghost.key"));
    return ctx;
}

void alpn_everywhere(tls12::Context &ctx)
{
    ctx.on_alpn_select([](tls12::ConnectionView, const std::vector<std::string_view> &offered) {
        for (auto name : offered)
            if (name == "http/1.1")
                return name;
        return std::string_view();
    });
}

void test_handshake_and_transfer()
{
    tls12::Context other_host = make_other_host();
    alpn_everywhere(other_host);
    tls12::Context server_ctx = make_server_context(other_host);
    alpn_everywhere(server_ctx);

    std::atomic<int> verify_calls{0};
    tls12::Context client_ctx(tls12::Role::client);
    client_ctx.trust_file(cert("ca.pem")).verify_peer().on_verify(
        [&verify_calls](bool preverified, X509_STORE_CTX *) {
            verify_calls++;
            return preverified;
        });
    tls12::Context client_copy = client_ctx;   // SSL_CTX_up_ref; the lambdas are shared
    check(client_copy.get() == client_ctx.get(), "a copied Context shares its SSL_CTX");

    for (const std::string host : {"localhost", "other.test"}) {
        const std::string title = "handshake with SNI " + host;
        std::string server_saw_sni, server_alpn;
        over_socketpair(
            title,
            [&](int fd) {
                tls12::Connection conn(client_copy);
                conn.set_fd(fd).set_host(host).offer_alpn({"h2", "http/1.1"});
                conn.connect();
                check(conn.version() == "TLSv1.2", title + ": version " + std::string(conn.version()));
                check(!conn.cipher().empty(), title + ": cipher " + std::string(conn.cipher()));
                check(conn.alpn() == "http/1.1", title + ": ALPN " + std::string(conn.alpn()));
                check(conn.verify_result() == X509_V_OK, title + ": verified");
                tls12::Certificate peer = conn.peer_certificate();
                tls12::Certificate copy = peer;   // X509_up_ref
                check(copy && copy.subject().find("CN=" + host) != std::string::npos,
                      title + ": peer certificate " + copy.subject());

                // One direction after the other: one SSL is used by one thread at a time.
                conn.write(pattern(transfer_size, 1));
                std::string in(transfer_size, '\0');
                const bool got = conn.read_exactly(in.data(), in.size()).status == tls12::Status::ok;
                check(got && in == pattern(transfer_size, 2), title + ": client received 1 MiB");
                conn.shutdown();
                char byte;
                check(conn.read(&byte, 1).status == tls12::Status::closed, title + ": server's close_notify");
            },
            [&](int fd) {
                tls12::Connection conn(server_ctx);
                conn.set_fd(fd);
                conn.accept();
                server_saw_sni = std::string(conn.servername());
                server_alpn = std::string(conn.alpn());
                std::string in(transfer_size, '\0');
                const bool got = conn.read_exactly(in.data(), in.size()).status == tls12::Status::ok;
                check(got && in == pattern(transfer_size, 1), title + ": server received 1 MiB");
                conn.write(pattern(transfer_size, 2));
                char byte;
                check(conn.read(&byte, 1).status == tls12::Status::closed, title + ": client's close_notify");
                conn.shutdown();
            });
        check(server_saw_sni == host, title + ": server saw SNI " + server_saw_sni);
        check(server_alpn == "http/1.1", title + ": server chose " + server_alpn);
    }
    check(verify_calls > 0, "the verify lambda ran (" + std::to_string(verify_calls) + " calls)");
}

void test_verification_failure()
{
    tls12::Context server_ctx(tls12::Role::server);
    server_ctx.use_certificate(cert("untrusted-chain.pem"), cert("untrusted.key"));
    tls12::Context client_ctx(tls12::Role::client);
    client_ctx.trust_file(cert("ca.pem")).verify_peer();
    std::string message;
    over_socketpair(
        "untrusted server",
        [&](int fd) {
            tls12::Connection conn(client_ctx);
            conn.set_fd(fd).set_host("localhost");
            try {
                conn.connect();
            } catch (const tls12::Error &e) {
                message = e.what();
                check(!e.codes().empty(), "the Error carries the error queue's codes");
            }
        },
        [&](int fd) {
            tls12::Connection conn(server_ctx);
            conn.set_fd(fd);
            try {
                conn.accept();
            } catch (const tls12::Error &) {
                // The client's alert ends the handshake: expected.
            }
        });
    check(message.find("certificate verify failed") != std::string::npos,
          "an untrusted server throws tls12::Error: " + message);
}

void test_certificate_file()
{
    tls12::Certificate ca = tls12::Certificate::from_pem_file(cert("ca.pem"));
    check(ca.subject() == ca.issuer() && !ca.subject().empty(),
          "Certificate::from_pem_file reads the root: " + ca.subject());
    try {
        tls12::Context ctx(tls12::Role::server);
        ctx.use_certificate(cert("no-such-file.pem"), cert("rsa.key"));
        check(false, "loading a missing certificate throws");
    } catch (const tls12::Error &e) {
        check(true, std::string("loading a missing certificate throws: ") + e.what());
    }
}

// ---------------------------------------------------------------- openssl s_server

// An `openssl s_server -rev` (it echoes lines reversed) on a local port it picks itself
// (no race with other programs for a port chosen beforehand), for `accepts`
// connections; stopped when this goes out of scope.
class OpensslServer {
public:
    OpensslServer(const std::vector<std::string> &args, int accepts)
    {
        char out_path[] = "/tmp/cpp_wrapper_s_server.XXXXXX";
        const int out = mkstemp(out_path);
        std::vector<std::string> argv = {"openssl", "s_server", "-accept", "127.0.0.1:0",
                                         "-rev", "-naccept", std::to_string(accepts), "-tls1_2"};
        argv.insert(argv.end(), args.begin(), args.end());
        pid_ = fork();
        if (pid_ == 0) {
            const int null = open("/dev/null", O_RDWR);
            dup2(null, 0);
            dup2(out, 1);
            dup2(null, 2);
            std::vector<char *> c_argv;
            for (auto &a : argv)
                c_argv.push_back(a.data());
            c_argv.push_back(nullptr);
            execvp("openssl", c_argv.data());
            _exit(127);
        }
        close(out);
        port_ = accepting_port(out_path);
        unlink(out_path);
    }
    OpensslServer(const OpensslServer &) = delete;
    OpensslServer &operator=(const OpensslServer &) = delete;
    ~OpensslServer()
    {
        if (pid_ > 0) {
            kill(pid_, SIGTERM);
            waitpid(pid_, nullptr, 0);
        }
    }

    // A connected socket; -1 when the server did not start (within 30 s).
    int connect_socket() const
    {
        if (port_ == 0)
            return -1;
        const int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr = loopback(port_);
        if (connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0)
            return fd;
        close(fd);
        return -1;
    }

private:
    static sockaddr_in loopback(int port)
    {
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return addr;
    }

    // The port in the "ACCEPT 127.0.0.1:PORT" line s_server prints to `path` once it
    // listens; 0 if it has not within 30 s or has exited.
    int accepting_port(const char *path)
    {
        for (int attempt = 0; attempt < 600; attempt++) {
            std::ifstream in(path);
            std::string line;
            while (std::getline(in, line)) {
                if (line.rfind("ACCEPT ", 0) == 0 && line.find(':') != std::string::npos)
                    return std::stoi(line.substr(line.rfind(':') + 1));
            }
            if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
                pid_ = -1;
                return 0;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return 0;
    }

    int port_ = 0;
    pid_t pid_ = -1;
};

// A socket closed at the end of the scope.
struct Socket {
    int fd;
    ~Socket()
    {
        if (fd >= 0)
            close(fd);
    }
};

// s_server's options to serve NAME.pem with its key and intermediate.
std::vector<std::string> serving(const std::string &name)
{
    return {"-cert", cert(name + ".pem"), "-key", cert(name + ".key"), "-cert_chain",
            cert(name + "-chain.pem")};
}

tls12::Context verifying_client()
{
    tls12::Context ctx(tls12::Role::client);
    ctx.trust_file(cert("ca.pem")).verify_peer();
    return ctx;
}

// Sends a line through s_server -rev and checks that it comes back reversed (blocking).
void echo(tls12::Connection &conn, const std::string &title)
{
    conn.write("hello wrapper\n");
    std::string in(14, '\0');
    const tls12::IoResult r = conn.read_exactly(in.data(), in.size());
    check(r.status == tls12::Status::ok && in == "repparw olleh\n", title + ": echo " + in.substr(0, 13));
    conn.shutdown();
}

// The verify reason and code that a connection to a server with these files throws.
void expect_verify_error(const std::string &title, const std::vector<std::string> &server_args,
                         long code, const std::string &reason)
{
    OpensslServer server(server_args, 1);
    Socket sock{server.connect_socket()};
    tls12::Context ctx = verifying_client();
    tls12::Connection conn(ctx);
    conn.set_fd(sock.fd).set_host("localhost");
    try {
        conn.connect();
        check(false, title + ": the handshake failed");
    } catch (const tls12::VerifyError &e) {
        const std::string what = e.what();
        check(what.find(reason) != std::string::npos && e.verify_reason() == reason &&
                  e.verify_code() == code && e.ssl_error() == SSL_ERROR_SSL,
              title + ": VerifyError " + std::to_string(e.verify_code()) + ": " + what);
    }
}

void test_verify_errors()
{
    expect_verify_error("hostname mismatch", serving("wronghost"), X509_V_ERR_HOSTNAME_MISMATCH,
                        "hostname mismatch");
    expect_verify_error("leaf without its intermediate",
                        {"-cert", cert("rsa.pem"), "-key", cert("rsa.key")},
                        X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
                        "unable to get local issuer certificate");
}

void test_ca_directory()
{
    char dir[] = "/tmp/cpp_wrapper_ca.XXXXXX";
    check(mkdtemp(dir) != nullptr, "a CA directory");
    const std::string ca_dir = dir;
    {
        std::ifstream from(cert("ca.pem"), std::ios::binary);
        std::ofstream to(ca_dir + "/ca.pem", std::ios::binary);
        to << from.rdbuf();
    }
    const std::string rehash = "openssl rehash " + ca_dir;
    check(std::system(rehash.c_str()) == 0, "openssl rehash of the CA directory");
    OpensslServer server(serving("rsa"), 1);
    Socket sock{server.connect_socket()};
    tls12::Context ctx(tls12::Role::client);
    ctx.trust_directory(ca_dir).verify_peer();
    tls12::Connection conn(ctx);
    conn.set_fd(sock.fd).set_host("localhost");
    check(conn.connect() == tls12::Status::ok && conn.verify_result() == X509_V_OK,
          "trust_directory (openssl rehash): verified");
    echo(conn, "CA directory");
    const std::string cleanup = "rm -rf " + ca_dir;
    check(std::system(cleanup.c_str()) == 0, "CA directory removed");
}

// Waits until the socket is ready for what status asks.
void wait_for(int fd, tls12::Status status)
{
    pollfd p{fd, static_cast<short>(status == tls12::Status::want_write ? POLLOUT : POLLIN), 0};
    poll(&p, 1, 10000);
}

void test_nonblocking()
{
    OpensslServer server(serving("rsa"), 1);
    Socket sock{server.connect_socket()};
    fcntl(sock.fd, F_SETFL, fcntl(sock.fd, F_GETFL) | O_NONBLOCK);
    tls12::Context ctx = verifying_client();
    tls12::Connection conn(ctx);
    conn.set_fd(sock.fd).set_host("localhost");
    int wants = 0;
    tls12::Status status;
    while ((status = conn.connect()) == tls12::Status::want_read ||
           status == tls12::Status::want_write) {
        wants++;
        wait_for(sock.fd, status);
    }
    check(status == tls12::Status::ok,
          "non-blocking handshake: ok after WANT results");
    // Nothing has been sent to the server yet, so it has nothing to say.
    char early;
    const tls12::IoResult nothing = conn.read(&early, 1);
    check(nothing.status == tls12::Status::want_read && nothing.bytes == 0,
          "non-blocking read before any data: want_read, not an exception");
    const std::string line = "non-blocking\n";
    tls12::IoResult w{tls12::Status::want_write, 0};
    for (std::size_t done = 0; done < line.size(); done += w.bytes) {
        w = conn.write(std::string_view(line).substr(done));
        if (w.status != tls12::Status::ok)
            wait_for(sock.fd, w.status);
    }
    std::string in(line.size(), '\0');
    std::size_t got = 0;
    while (got < in.size()) {
        const tls12::IoResult r = conn.read(in.data() + got, in.size() - got);
        got += r.bytes;
        if (r.status == tls12::Status::closed)
            break;
        if (r.status != tls12::Status::ok)
            wait_for(sock.fd, r.status);
    }
    check(in == "gnikcolb-non\n", "non-blocking echo: " + in.substr(0, line.size() - 1));
}

const std::string psk_hex = "0123456789abcdef0123456789abcdef";

std::string psk_bytes()
{
    std::string key;
    for (std::size_t i = 0; i < psk_hex.size(); i += 2)
        key += static_cast<char>(std::stoi(psk_hex.substr(i, 2), nullptr, 16));
    return key;
}

void test_psk_against_openssl()
{
    OpensslServer server({"-nocert", "-psk", psk_hex, "-psk_identity", "cpp-client", "-psk_hint",
                          "cpp-hint", "-cipher", "PSK"},
                         1);
    Socket sock{server.connect_socket()};
    tls12::Context ctx(tls12::Role::client);
    std::string hint;
    ctx.ciphers("PSK").on_psk_client([&hint](tls12::ConnectionView, std::string_view h) {
        hint = std::string(h);
        return std::optional<tls12::Context::Psk>({"cpp-client", psk_bytes()});
    });
    tls12::Connection conn(ctx);
    conn.set_fd(sock.fd);
    const bool connected = conn.connect() == tls12::Status::ok;
    check(connected && std::string(conn.cipher()).find("PSK") != std::string::npos &&
              hint == "cpp-hint",
          "PSK client vs s_server: " + std::string(conn.cipher()) + ", hint " + hint);
    echo(conn, "PSK");
}

void test_keylog_file()
{
    char path[] = "/tmp/cpp_wrapper_keylog.XXXXXX";
    const int fd = mkstemp(path);
    close(fd);
    {
        OpensslServer server(serving("rsa"), 1);
        Socket sock{server.connect_socket()};
        tls12::Context ctx = verifying_client();
        ctx.keylog_file(path);
        tls12::Connection conn(ctx);
        conn.set_fd(sock.fd).set_host("localhost");
        conn.connect();
        echo(conn, "key log");
    }
    std::ifstream log(path);
    std::string line;
    std::getline(log, line);
    // CLIENT_RANDOM <64 hex digits> <96 hex digits>
    check(line.rfind("CLIENT_RANDOM ", 0) == 0 && line.size() == 14 + 64 + 1 + 96,
          "keylog_file wrote a CLIENT_RANDOM line");
    unlink(path);
}

void test_session_resumption()
{
    OpensslServer server(serving("rsa"), 2);
    tls12::Context ctx = verifying_client();
    std::string saved;
    {
        Socket sock{server.connect_socket()};
        tls12::Connection conn(ctx);
        conn.set_fd(sock.fd).set_host("localhost");
        conn.connect();
        echo(conn, "first connection");
        check(!conn.session_reused(), "first connection: a full handshake");
        saved = conn.session().to_bytes();
    }
    check(!saved.empty(), "session saved as bytes");
    tls12::Context fresh = verifying_client();   // as after a restart
    Socket sock{server.connect_socket()};
    tls12::Connection conn(fresh);
    conn.set_fd(sock.fd).set_host("localhost").resume(tls12::Session::from_bytes(saved));
    conn.connect();
    check(conn.session_reused(), "the session from bytes is resumed (SSL_session_reused)");
    echo(conn, "resumed connection");
    try {
        conn.resume(tls12::Session::from_bytes(saved));
        check(false, "resume after the handshake throws");
    } catch (const tls12::Error &e) {
        check(true, std::string("resume after the handshake throws: ") + e.what());
    }
    try {
        tls12::Session::from_bytes("not a session");
        check(false, "garbage bytes are no session");
    } catch (const tls12::Error &e) {
        check(!e.entries().empty(), std::string("garbage bytes are no session: ") + e.what());
    }
}

// ---------------------------------------------------------------- both ends

void test_psk_both_ends()
{
    tls12::Context server_ctx(tls12::Role::server);
    server_ctx.ciphers("PSK").on_psk_server(
        [](tls12::ConnectionView, std::string_view identity) {
            return identity == "known" ? std::optional<std::string>(psk_bytes()) : std::nullopt;
        },
        "wrapper-hint");
    for (const std::string identity : {"known", "stranger"}) {
        const std::string title = "PSK server, identity " + identity;
        tls12::Context client_ctx(tls12::Role::client);
        client_ctx.ciphers("PSK").on_psk_client([identity](tls12::ConnectionView, std::string_view) {
            return std::optional<tls12::Context::Psk>({identity, psk_bytes()});
        });
        bool client_ok = false;
        int client_alert = 0;
        over_socketpair(
            title,
            [&](int fd) {
                tls12::Connection conn(client_ctx);
                conn.set_fd(fd);
                try {
                    client_ok = conn.connect() == tls12::Status::ok;
                    conn.write("psk");
                } catch (const tls12::AlertError &e) {
                    client_alert = e.alert();
                }
            },
            [&](int fd) {
                tls12::Connection conn(server_ctx);
                conn.set_fd(fd);
                try {
                    conn.accept();
                    char in[3];
                    conn.read_exactly(in, sizeof in);
                } catch (const tls12::ProtocolError &) {
                    // The unknown identity: expected.
                }
            });
        if (identity == "known")
            check(client_ok, title + ": handshake");
        else
            check(client_alert == SSL_AD_UNKNOWN_PSK_IDENTITY,
                  title + ": AlertError unknown_psk_identity (" + std::to_string(client_alert) + ")");
    }
}

void test_encrypted_key()
{
    try {
        tls12::Context ctx(tls12::Role::server);
        ctx.use_certificate(cert("rsa-chain.pem"), cert("encrypted/rsa.key"), "wrong");
        check(false, "a wrong password is refused");
    } catch (const tls12::Error &e) {
        check(!e.entries().empty(), std::string("a wrong password is refused: ") + e.what());
    }
    tls12::Context server_ctx(tls12::Role::server);
    server_ctx.use_certificate(cert("rsa-chain.pem"), cert("encrypted/rsa.key"), "secret");
    tls12::Context client_ctx = verifying_client();
    bool verified = false;
    over_socketpair(
        "encrypted key",
        [&](int fd) {
            tls12::Connection conn(client_ctx);
            conn.set_fd(fd).set_host("localhost");
            verified = conn.connect() == tls12::Status::ok && conn.verify_result() == X509_V_OK;
            conn.shutdown();
        },
        [&](int fd) {
            tls12::Connection conn(server_ctx);
            conn.set_fd(fd);
            conn.accept();
            char byte;
            conn.read(&byte, 1);
        });
    check(verified, "a key loaded with its password serves a verified handshake");
}

void test_moved_from_and_system_errors()
{
    tls12::Context ctx = verifying_client();
    tls12::Connection first(ctx);
    SSL *ssl = first.get();
    tls12::Connection second(std::move(first));
    check(!first && first.get() == nullptr && second.get() == ssl,
          "a moved-from Connection is empty");
    try {
        first.connect();
        check(false, "a moved-from Connection's calls throw");
    } catch (const tls12::Error &e) {
        check(true, std::string("a moved-from Connection's calls throw: ") + e.what());
    }
    tls12::Context taken = std::move(ctx);
    check(!ctx && taken, "a moved-from Context is empty");
    try {
        ctx.ciphers("PSK");
        check(false, "a moved-from Context's calls throw");
    } catch (const tls12::Error &e) {
        check(true, std::string("a moved-from Context's calls throw: ") + e.what());
    }
    try {
        tls12::Connection orphan(ctx);
        check(false, "a Connection from a moved-from Context throws");
    } catch (const tls12::Error &e) {
        check(true, std::string("a Connection from a moved-from Context throws: ") + e.what());
    }
    try {
        tls12::Context other(tls12::Role::client);
        other.trust_file(cert("no-such-ca.pem"));
        check(false, "a missing CA file throws");
    } catch (const tls12::SystemError &e) {
        check(e.error_number() == ENOENT, std::string("a missing CA file: SystemError ") + e.what());
    } catch (const tls12::Error &e) {
        check(false, std::string("a missing CA file: not a SystemError: ") + e.what());
    }
}

} // namespace

int main(int argc, char **argv)
{
    if (argc > 1)
        certs_dir = argv[1];
    else if (const char *env = std::getenv("CERTS_DIR"))
        certs_dir = env;
    try {
        test_certificate_file();
        test_handshake_and_transfer();
        test_verification_failure();
        test_verify_errors();
        test_ca_directory();
        test_nonblocking();
        test_psk_against_openssl();
        test_keylog_file();
        test_session_resumption();
        test_psk_both_ends();
        test_encrypted_key();
        test_moved_from_and_system_errors();
    } catch (const std::exception &e) {
        check(false, std::string("unexpected exception: ") + e.what());
    }
    std::cout << (failures == 0 ? "cpp_wrapper: all checks passed" : "cpp_wrapper: FAILED")
              << '\n';
    return failures == 0 ? 0 : 1;
}
