// Uses the C++ wrapper (bindings/cpp/tls12.hpp) for handshakes and transfers over a
// socketpair, the client and the server on their own threads. Checks the lambdas
// (servername with a second virtual host, ALPN selection, verification), the owners
// (copies of a Context and a Certificate) and the errors (a failed verification throws
// tls12::Error with the queue's text).
//
//   cpp_wrapper [CERTS_DIR]     (default: $CERTS_DIR, then target/test-certs)
//
// Prints one line per check and exits with 1 when any failed.
#include <tls12.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
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
    } catch (const std::exception &e) {
        check(false, std::string("unexpected exception: ") + e.what());
    }
    std::cout << (failures == 0 ? "cpp_wrapper: all checks passed" : "cpp_wrapper: FAILED")
              << '\n';
    return failures == 0 ? 0 : 1;
}
