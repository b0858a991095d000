// tls12.hpp: a header-only C++17 wrapper over OpenSSL's TLS API, as libtls12 offers it
// (g++ -std=c++17 -I include/tls12 -I bindings/cpp ... -ltls12). It builds against real
// OpenSSL as well (-lssl -lcrypto), since it uses nothing but OpenSSL's API.
//
//   tls12::Context ctx(tls12::Role::client);
//   ctx.trust_file("ca.pem").verify_peer();
//   tls12::Connection conn(ctx);
//   conn.set_fd(fd).set_host("localhost").connect();
//   conn.write("hello");
//
// Owners: Context (SSL_CTX), Connection (SSL), Certificate (X509), Session
// (SSL_SESSION). Each holds a std::unique_ptr whose deleter calls the *_free function;
// copies of a Context, Certificate or Session share the object through *_up_ref; a
// Connection is move-only, and a moved-from one is empty. Calls return Status (ok,
// want_read, want_write, closed): a non-blocking socket's WANT_READ / WANT_WRITE are
// results, not exceptions. Failures throw tls12::Error, which carries the whole error
// queue, or its subclasses: VerifyError (verify_code, verify_reason), ProtocolError and
// AlertError (alert), SystemError (error_number), ClosedError. Callbacks are lambdas
// (std::function), called through static trampolines that find them in the context's
// app_data slot; an exception thrown by a lambda fails the handshake. See README.md.
#ifndef TLS12_CPP_TLS12_HPP
#define TLS12_CPP_TLS12_HPP

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cstdio>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <optional>
#include <mutex>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tls12 {

// ---------------------------------------------------------------- errors

// One entry of the thread's error queue: the packed code (ERR_get_error) and its text.
struct ErrorEntry {
    unsigned long code;
    std::string text;
};

// Takes every entry off the thread's error queue, oldest first.
inline std::vector<ErrorEntry> take_error_queue()
{
    std::vector<ErrorEntry> entries;
    const char *data = nullptr;
    int flags = 0;
    for (unsigned long code; (code = ERR_get_error_all(nullptr, nullptr, nullptr, &data, &flags)) != 0;) {
        char line[256];
        ERR_error_string_n(code, line, sizeof line);
        std::string text = line;
        if (data != nullptr && *data != '\0')
            text += std::string(" (") + data + ")";
        entries.push_back({code, std::move(text)});
    }
    return entries;
}

// A failure, with every entry the thread's error queue held (which it empties). The
// subclasses say what kind: VerifyError, ProtocolError (AlertError), SystemError,
// ClosedError. A failure of a TLS call also gives SSL_get_error's code.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string &what) : Error(what, take_error_queue()) {}
    Error(const std::string &what, std::vector<ErrorEntry> entries, int ssl_error = 0)
        : std::runtime_error(what + joined(entries)), entries_(std::move(entries)),
          ssl_error_(ssl_error)
    {
    }

    // The error queue's entries, oldest first.
    const std::vector<ErrorEntry> &entries() const noexcept { return entries_; }
    // The packed codes (ERR_get_error), oldest first.
    std::vector<unsigned long> codes() const
    {
        std::vector<unsigned long> codes;
        for (const auto &e : entries_)
            codes.push_back(e.code);
        return codes;
    }
    // ERR_GET_REASON of the oldest entry (an SSL_R_* code, or errno for the system
    // library), 0 without entries.
    int reason() const noexcept { return entries_.empty() ? 0 : ERR_GET_REASON(entries_.front().code); }
    // ERR_GET_LIB of the oldest entry (ERR_LIB_SSL, ERR_LIB_SYS ...), 0 without entries.
    int library() const noexcept { return entries_.empty() ? 0 : ERR_GET_LIB(entries_.front().code); }
    // SSL_get_error's code for a failed TLS call (SSL_ERROR_SSL, SSL_ERROR_SYSCALL ...),
    // 0 for other failures.
    int ssl_error() const noexcept { return ssl_error_; }

private:
    static std::string joined(const std::vector<ErrorEntry> &entries)
    {
        std::string text;
        for (const auto &e : entries)
            text += (text.empty() ? ": " : "; ") + e.text;
        return text;
    }

    std::vector<ErrorEntry> entries_;
    int ssl_error_;
};

// The peer's certificate failed verification: verify_code() is the X509_V_* result and
// verify_reason() its text ("hostname mismatch", "unable to get local issuer
// certificate"), as X509_verify_cert_error_string gives it.
class VerifyError : public Error {
public:
    VerifyError(const std::string &what, std::vector<ErrorEntry> entries, int ssl_error,
                long verify_code)
        : Error(what + ": certificate verify failed: " + text_of(verify_code), std::move(entries),
                ssl_error),
          verify_code_(verify_code)
    {
    }
    long verify_code() const noexcept { return verify_code_; }
    std::string verify_reason() const { return text_of(verify_code_); }

private:
    static std::string text_of(long code)
    {
        const char *text = X509_verify_cert_error_string(code);
        return text != nullptr ? text : "verification error " + std::to_string(code);
    }

    long verify_code_;
};

// The TLS protocol failed (SSL_ERROR_SSL): a malformed or unexpected message, no shared
// parameters, a failed check.
class ProtocolError : public Error {
public:
    using Error::Error;
};

// The peer ended the handshake or the connection with a fatal alert: alert() is its
// number (RFC 5246, 7.2), alert_description() its name ("unknown CA").
class AlertError : public ProtocolError {
public:
    AlertError(const std::string &what, std::vector<ErrorEntry> entries, int ssl_error, int alert)
        : ProtocolError(what, std::move(entries), ssl_error), alert_(alert)
    {
    }
    int alert() const noexcept { return alert_; }
    std::string alert_description() const
    {
        const char *text = SSL_alert_desc_string_long(alert_);
        return text != nullptr ? text : "";
    }

private:
    int alert_;
};

// The operating system failed (a missing file, a reset connection): error_number() is
// the errno.
class SystemError : public Error {
public:
    SystemError(const std::string &what, std::vector<ErrorEntry> entries, int ssl_error, int errnum)
        : Error(what + ": " + std::strerror(errnum), std::move(entries), ssl_error), errno_(errnum)
    {
    }
    int error_number() const noexcept { return errno_; }

private:
    int errno_;
};

// The connection is closed and the operation cannot go on: the transport ended without
// the peer's close_notify, or this end has shut the connection down.
class ClosedError : public Error {
public:
    using Error::Error;
};

namespace detail {

// A deleter for std::unique_ptr that calls a C library's free function.
template <auto Free>
struct Deleter {
    template <typename T>
    void operator()(T *object) const noexcept { Free(object); }
};

// An owner of a reference-counted C object: moving transfers it, copying takes another
// reference with UpRef.
template <typename T, auto Free, auto UpRef>
class Shared {
public:
    Shared() = default;
    // Takes ownership of one reference (nullptr gives an empty owner).
    explicit Shared(T *adopted) noexcept : ptr_(adopted) {}
    Shared(const Shared &other) noexcept : ptr_(other.ptr_.get())
    {
        if (ptr_)
            UpRef(ptr_.get());
    }
    Shared(Shared &&) noexcept = default;
    Shared &operator=(Shared other) noexcept
    {
        ptr_ = std::move(other.ptr_);
        return *this;
    }
    ~Shared() = default;

    T *get() const noexcept { return ptr_.get(); }
    explicit operator bool() const noexcept { return ptr_ != nullptr; }

private:
    std::unique_ptr<T, Deleter<Free>> ptr_;
};

// Throws the failure the error queue describes: a SystemError when its oldest entry
// comes from the system library (a missing file), else an Error.
[[noreturn]] inline void fail(const std::string &what)
{
    auto entries = take_error_queue();
    if (!entries.empty() && ERR_GET_LIB(entries.front().code) == ERR_LIB_SYS) {
        const int errnum = ERR_GET_REASON(entries.front().code);
        throw SystemError(what, std::move(entries), 0, errnum);
    }
    throw Error(what, std::move(entries));
}

inline void check(bool ok, const char *what)
{
    if (!ok)
        fail(what);
}

// Protocol lists: {"h2", "http/1.1"} <-> the wire format of RFC 7301.
inline std::string to_wire(const std::vector<std::string> &protocols)
{
    std::string wire;
    for (const auto &p : protocols) {
        if (p.empty() || p.size() > 255)
            throw std::invalid_argument("ALPN protocol names have 1 to 255 bytes");
        wire += static_cast<char>(p.size());
        wire += p;
    }
    return wire;
}

inline std::vector<std::string_view> from_wire(const unsigned char *in, unsigned int len)
{
    std::vector<std::string_view> names;
    for (unsigned int i = 0; i < len && i + 1u + in[i] <= len; i += 1u + in[i])
        names.emplace_back(reinterpret_cast<const char *>(in + i + 1), in[i]);
    return names;
}

} // namespace detail

// ---------------------------------------------------------------- certificates

class Certificate {
public:
    Certificate() = default;
    // Takes ownership of one reference.
    explicit Certificate(X509 *adopted) noexcept : x509_(adopted) {}

    static Certificate from_pem_file(const std::string &path)
    {
        struct Closer {
            void operator()(FILE *f) const noexcept { std::fclose(f); }
        };
        std::unique_ptr<FILE, Closer> file(std::fopen(path.c_str(), "r"));
        if (!file)
            throw std::runtime_error("cannot open " + path);
        Certificate cert(PEM_read_X509(file.get(), nullptr, nullptr, nullptr));
        detail::check(bool(cert), "PEM_read_X509 failed");
        return cert;
    }

    std::string subject() const { return name(X509_get_subject_name(get())); }
    std::string issuer() const { return name(X509_get_issuer_name(get())); }

    X509 *get() const noexcept { return x509_.get(); }
    explicit operator bool() const noexcept { return bool(x509_); }

private:
    static std::string name(X509_NAME *n)
    {
        char text[512] = "";
        if (n != nullptr)
            X509_NAME_oneline(n, text, sizeof text);
        return text;
    }

    detail::Shared<X509, X509_free, X509_up_ref> x509_;
};

// A session a client can resume: SSL_get1_session after a handshake, or bytes saved
// earlier (the DER form of i2d_SSL_SESSION; it holds the master secret).
class Session {
public:
    Session() = default;
    explicit Session(SSL_SESSION *adopted) noexcept : session_(adopted) {}

    // Reads a session saved by to_bytes.
    static Session from_bytes(const void *data, std::size_t size)
    {
        if (size > static_cast<std::size_t>(std::numeric_limits<long>::max()))
            throw std::invalid_argument("a saved session is smaller than that");
        const auto *p = static_cast<const unsigned char *>(data);
        Session session(d2i_SSL_SESSION(nullptr, &p, static_cast<long>(size)));
        detail::check(bool(session), "d2i_SSL_SESSION failed");
        return session;
    }
    static Session from_bytes(std::string_view bytes) { return from_bytes(bytes.data(), bytes.size()); }

    // The session's DER encoding, to keep (secret) and give to from_bytes later.
    std::string to_bytes() const
    {
        const int size = i2d_SSL_SESSION(get(), nullptr);
        detail::check(size > 0, "i2d_SSL_SESSION failed");
        std::string bytes(static_cast<std::size_t>(size), '\0');
        auto *p = reinterpret_cast<unsigned char *>(bytes.data());
        detail::check(i2d_SSL_SESSION(get(), &p) == size, "i2d_SSL_SESSION failed");
        return bytes;
    }

    SSL_SESSION *get() const noexcept { return session_.get(); }
    explicit operator bool() const noexcept { return bool(session_); }

private:
    detail::Shared<SSL_SESSION, SSL_SESSION_free, SSL_SESSION_up_ref> session_;
};

// ---------------------------------------------------------------- contexts

enum class Role { client, server };

class Context;

// A connection that someone else owns: what callbacks are handed.
class ConnectionView {
public:
    explicit ConnectionView(SSL *ssl) noexcept : ssl_(ssl) {}

    std::string_view version() const { return or_empty(SSL_get_version(ssl_)); }
    std::string_view cipher() const
    {
        const SSL_CIPHER *c = SSL_get_current_cipher(ssl_);
        return c != nullptr ? or_empty(SSL_CIPHER_get_name(c)) : std::string_view();
    }
    std::string_view alpn() const
    {
        const unsigned char *p = nullptr;
        unsigned int len = 0;
        SSL_get0_alpn_selected(ssl_, &p, &len);
        return p != nullptr ? std::string_view(reinterpret_cast<const char *>(p), len)
                            : std::string_view();
    }
    std::string_view servername() const
    {
        return or_empty(SSL_get_servername(ssl_, TLSEXT_NAMETYPE_host_name));
    }
    long verify_result() const { return SSL_get_verify_result(ssl_); }
    bool session_reused() const { return SSL_session_reused(ssl_) == 1; }
    Certificate peer_certificate() const { return Certificate(SSL_get1_peer_certificate(ssl_)); }
    // Moves the connection to another context (a server's virtual host, chosen by SNI).
    inline void switch_context(const Context &ctx);

    SSL *get() const noexcept { return ssl_; }

protected:
    static std::string_view or_empty(const char *s) { return s != nullptr ? s : ""; }
    void reset(SSL *ssl) noexcept { ssl_ = ssl; }

private:
    SSL *ssl_;
};

class Context {
public:
    // Called with the name the client sent (SNI); false fails the handshake with
    // unrecognized_name.
    using ServernameFn = std::function<bool(ConnectionView, std::string_view name)>;
    // Called with the client's ALPN offer; returns one of the offered names, or an empty
    // view to decline ALPN.
    using AlpnSelectFn =
        std::function<std::string_view(ConnectionView, const std::vector<std::string_view> &)>;
    // Called for each certificate of the peer's chain with OpenSSL's verdict; returns the
    // final one.
    using VerifyFn = std::function<bool(bool preverified, X509_STORE_CTX *store)>;
    // A client's pre-shared key: the identity it names and the key's bytes.
    struct Psk {
        std::string identity;
        std::string key;
    };
    // Called with the server's identity hint (empty if none); no value fails the
    // handshake.
    using PskClientFn = std::function<std::optional<Psk>(ConnectionView, std::string_view hint)>;
    // Called with the identity the client named; returns its key, or no value for an
    // unknown identity (unknown_psk_identity).
    using PskServerFn =
        std::function<std::optional<std::string>(ConnectionView, std::string_view identity)>;
    // Called with each line of the NSS key log format (no newline).
    using KeylogFn = std::function<void(ConnectionView, std::string_view line)>;

    explicit Context(Role role)
        : ctx_(SSL_CTX_new(role == Role::client ? TLS_client_method() : TLS_server_method())),
          callbacks_(std::make_shared<Callbacks>())
    {
        detail::check(bool(ctx_), "SSL_CTX_new failed");
        SSL_CTX_set_min_proto_version(live(), TLS1_2_VERSION);
        SSL_CTX_set_max_proto_version(live(), TLS1_2_VERSION);
        SSL_CTX_set_app_data(live(), callbacks_.get());
    }

    // The certificate chain (PEM, leaf first) and its private key (PEM, not encrypted).
    Context &use_certificate(const std::string &chain_file, const std::string &key_file)
    {
        detail::check(SSL_CTX_use_certificate_chain_file(live(), chain_file.c_str()) == 1,
                      "SSL_CTX_use_certificate_chain_file failed");
        detail::check(SSL_CTX_use_PrivateKey_file(live(), key_file.c_str(), SSL_FILETYPE_PEM) == 1,
                      "SSL_CTX_use_PrivateKey_file failed");
        detail::check(SSL_CTX_check_private_key(live()) == 1, "the key does not match");
        return *this;
    }

    // The same, with a key encrypted under password; a wrong password throws.
    Context &use_certificate(const std::string &chain_file, const std::string &key_file,
                             std::string_view password)
    {
        std::string secret(password);
        SSL_CTX_set_default_passwd_cb(live(), password_trampoline);
        SSL_CTX_set_default_passwd_cb_userdata(live(), &secret);
        // The callback reads secret only while the key loads.
        struct Forget {
            SSL_CTX *ctx;
            std::string &secret;
            ~Forget()
            {
                SSL_CTX_set_default_passwd_cb(ctx, nullptr);
                SSL_CTX_set_default_passwd_cb_userdata(ctx, nullptr);
                std::fill(secret.begin(), secret.end(), '\0');
            }
        } forget{live(), secret};
        return use_certificate(chain_file, key_file);
    }

    // Trusts the PEM certificates in ca_file.
    Context &trust_file(const std::string &ca_file)
    {
        detail::check(SSL_CTX_load_verify_locations(live(), ca_file.c_str(), nullptr) == 1,
                      "SSL_CTX_load_verify_locations failed");
        return *this;
    }

    // Trusts the certificates of a directory of hashed names (openssl rehash).
    Context &trust_directory(const std::string &ca_dir)
    {
        detail::check(SSL_CTX_load_verify_locations(live(), nullptr, ca_dir.c_str()) == 1,
                      "SSL_CTX_load_verify_locations failed");
        return *this;
    }

    Context &verify_peer(int extra_mode = 0)
    {
        SSL_CTX_set_verify(live(), SSL_VERIFY_PEER | extra_mode,
                           callbacks().verify ? verify_trampoline : nullptr);
        mode_ = SSL_VERIFY_PEER | extra_mode;
        return *this;
    }

    Context &ciphers(const std::string &list)
    {
        detail::check(SSL_CTX_set_cipher_list(live(), list.c_str()) == 1,
                      "SSL_CTX_set_cipher_list failed");
        return *this;
    }

    Context &on_servername(ServernameFn fn)
    {
        callbacks().servername = std::move(fn);
        SSL_CTX_set_tlsext_servername_callback(live(), servername_trampoline);
        SSL_CTX_set_tlsext_servername_arg(live(), callbacks_.get());
        return *this;
    }

    Context &on_alpn_select(AlpnSelectFn fn)
    {
        callbacks().alpn = std::move(fn);
        SSL_CTX_set_alpn_select_cb(live(), alpn_trampoline, callbacks_.get());
        return *this;
    }

    // Takes effect with verify_peer (before or after).
    Context &on_verify(VerifyFn fn)
    {
        callbacks().verify = std::move(fn);
        SSL_CTX_set_verify(live(), mode_, verify_trampoline);
        return *this;
    }

    // The client's PSK (the PSK cipher suites must be enabled with ciphers()).
    Context &on_psk_client(PskClientFn fn)
    {
        callbacks().psk_client = std::move(fn);
        SSL_CTX_set_psk_client_callback(live(), psk_client_trampoline);
        return *this;
    }

    // The server's PSK lookup, and the hint it sends (none when empty).
    Context &on_psk_server(PskServerFn fn, std::string_view hint = {})
    {
        callbacks().psk_server = std::move(fn);
        SSL_CTX_set_psk_server_callback(live(), psk_server_trampoline);
        if (!hint.empty())
            detail::check(SSL_CTX_use_psk_identity_hint(live(), std::string(hint).c_str()) == 1,
                          "SSL_CTX_use_psk_identity_hint failed");
        return *this;
    }

    // Hands each handshake's secrets to fn, in the NSS key log format.
    Context &on_keylog(KeylogFn fn)
    {
        callbacks().keylog = std::move(fn);
        SSL_CTX_set_keylog_callback(live(), keylog_trampoline);
        return *this;
    }

    // Appends each handshake's secrets to path (for Wireshark); throws when it cannot be
    // opened.
    Context &keylog_file(const std::string &path)
    {
        struct Closer {
            void operator()(FILE *f) const noexcept { std::fclose(f); }
        };
        std::shared_ptr<FILE> file(std::fopen(path.c_str(), "a"), Closer());
        if (!file)
            throw SystemError("cannot open " + path, {}, 0, errno);
        auto lock = std::make_shared<std::mutex>();
        return on_keylog([file, lock](ConnectionView, std::string_view line) {
            std::lock_guard<std::mutex> guard(*lock);
            std::fprintf(file.get(), "%.*s\n", static_cast<int>(line.size()), line.data());
            std::fflush(file.get());
        });
    }

    SSL_CTX *get() const noexcept { return ctx_.get(); }
    // False for a moved-from Context.
    explicit operator bool() const noexcept { return bool(ctx_); }

private:
    struct Callbacks {
        ServernameFn servername;
        AlpnSelectFn alpn;
        VerifyFn verify;
        PskClientFn psk_client;
        PskServerFn psk_server;
        KeylogFn keylog;
    };

    SSL_CTX *live() const
    {
        if (!ctx_)
            throw Error("this tls12::Context is empty (moved from)", {});
        return ctx_.get();
    }

    Callbacks &callbacks()
    {
        if (!callbacks_)
            throw Error("this tls12::Context is empty (moved from)", {});
        return *callbacks_;
    }

    static Callbacks *callbacks_of(const SSL *ssl)
    {
        return static_cast<Callbacks *>(SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl)));
    }

    static int password_trampoline(char *buf, int size, int, void *userdata)
    {
        const auto *secret = static_cast<const std::string *>(userdata);
        if (secret == nullptr || size < 0 || secret->size() > static_cast<std::size_t>(size))
            return -1;
        std::memcpy(buf, secret->data(), secret->size());
        return static_cast<int>(secret->size());
    }

    // Copies a key for the library: its length, or 0 (failing the handshake) for an
    // empty key or one without room.
    static unsigned int copy_key(const std::string &key, unsigned char *psk, unsigned int max_psk_len)
    {
        if (key.empty() || key.size() > max_psk_len)
            return 0;
        std::memcpy(psk, key.data(), key.size());
        return static_cast<unsigned int>(key.size());
    }

    static unsigned int psk_client_trampoline(SSL *ssl, const char *hint, char *identity,
                                              unsigned int max_identity_len, unsigned char *psk,
                                              unsigned int max_psk_len)
    {
        try {
            Callbacks *cb = callbacks_of(ssl);
            const auto chosen = cb != nullptr && cb->psk_client
                                    ? cb->psk_client(ConnectionView(ssl), hint != nullptr ? hint : "")
                                    : std::optional<Psk>();
            if (!chosen || chosen->identity.size() >= max_identity_len)
                return 0;
            const unsigned int length = copy_key(chosen->key, psk, max_psk_len);
            if (length != 0)
                std::memcpy(identity, chosen->identity.c_str(), chosen->identity.size() + 1);
            return length;
        } catch (...) {
            return 0;
        }
    }

    static unsigned int psk_server_trampoline(SSL *ssl, const char *identity, unsigned char *psk,
                                              unsigned int max_psk_len)
    {
        try {
            Callbacks *cb = callbacks_of(ssl);
            const auto key =
                cb != nullptr && cb->psk_server
                    ? cb->psk_server(ConnectionView(ssl), identity != nullptr ? identity : "")
                    : std::optional<std::string>();
            return key ? copy_key(*key, psk, max_psk_len) : 0;
        } catch (...) {
            return 0;
        }
    }

    static void keylog_trampoline(const SSL *ssl, const char *line)
    {
        try {
            Callbacks *cb = callbacks_of(ssl);
            if (cb != nullptr && cb->keylog && line != nullptr)
                cb->keylog(ConnectionView(const_cast<SSL *>(ssl)), line);
        } catch (...) {
            // A key log that cannot be written does not fail the handshake.
        }
    }

    static int servername_trampoline(SSL *ssl, int *alert, void *arg)
    {
        try {
            auto *cb = static_cast<Callbacks *>(arg);
            const char *name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
            if (cb->servername(ConnectionView(ssl), name != nullptr ? name : ""))
                return SSL_TLSEXT_ERR_OK;
            *alert = SSL_AD_UNRECOGNIZED_NAME;
        } catch (...) {
            *alert = SSL_AD_INTERNAL_ERROR;
        }
        return SSL_TLSEXT_ERR_ALERT_FATAL;
    }

    static int alpn_trampoline(SSL *ssl, const unsigned char **out, unsigned char *outlen,
                               const unsigned char *in, unsigned int inlen, void *arg)
    {
        try {
            auto *cb = static_cast<Callbacks *>(arg);
            const auto offered = detail::from_wire(in, inlen);
            const std::string_view chosen = cb->alpn(ConnectionView(ssl), offered);
            if (chosen.empty())
                return SSL_TLSEXT_ERR_NOACK;
            // Point into the client's list, which outlives the callback.
            for (const auto name : offered) {
                if (name == chosen) {
                    *out = reinterpret_cast<const unsigned char *>(name.data());
                    *outlen = static_cast<unsigned char>(name.size());
                    return SSL_TLSEXT_ERR_OK;
                }
            }
        } catch (...) {
        }
        return SSL_TLSEXT_ERR_ALERT_FATAL;
    }

    static int verify_trampoline(int preverified, X509_STORE_CTX *store)
    {
        try {
            auto *ssl = static_cast<SSL *>(
                X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
            Callbacks *cb = callbacks_of(ssl);
            if (cb == nullptr || !cb->verify)
                return preverified;
            return cb->verify(preverified == 1, store) ? 1 : 0;
        } catch (...) {
            return 0;
        }
    }

    detail::Shared<SSL_CTX, SSL_CTX_free, SSL_CTX_up_ref> ctx_;
    // Shared by the copies of this Context and by its connections, so that the lambdas
    // live as long as anything can call them.
    std::shared_ptr<Callbacks> callbacks_;
    int mode_ = SSL_VERIFY_NONE;

    friend class Connection;
};

inline void ConnectionView::switch_context(const Context &ctx)
{
    if (SSL_set_SSL_CTX(ssl_, ctx.get()) != ctx.get())
        throw Error("SSL_set_SSL_CTX failed");
}

// ---------------------------------------------------------------- connections

// What a TLS call came to. A blocking connection gives ok or closed; a non-blocking one
// also want_read / want_write: call again (with the same arguments) once the socket is
// readable / writable. Failures are thrown (Error and its subclasses).
enum class Status {
    ok,          // done
    want_read,   // needs the peer's data first
    want_write,  // the transport must take data first
    closed,      // the peer sent close_notify
};

// A read's or write's status and the bytes it moved.
struct IoResult {
    Status status;
    std::size_t bytes;
};

// A TLS connection (SSL): move-only; a moved-from Connection is empty (false, get()
// nullptr) and its calls throw.
class Connection : public ConnectionView {
public:
    explicit Connection(const Context &ctx)
        : ConnectionView(nullptr), ssl_(SSL_new(ctx.live())), ctx_(ctx)
    {
        detail::check(bool(ssl_), "SSL_new failed");
        reset(ssl_.get());
    }
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;
    Connection(Connection &&other) noexcept
        : ConnectionView(other.get()), ssl_(std::move(other.ssl_)), ctx_(std::move(other.ctx_))
    {
        other.reset(nullptr);
    }
    Connection &operator=(Connection &&other) noexcept
    {
        ssl_ = std::move(other.ssl_);
        ctx_ = std::move(other.ctx_);
        reset(ssl_.get());
        other.reset(nullptr);
        return *this;
    }
    ~Connection() = default;

    // False for a moved-from Connection.
    explicit operator bool() const noexcept { return get() != nullptr; }

    // The socket (blocking or non-blocking).
    Connection &set_fd(int fd)
    {
        detail::check(SSL_set_fd(get(), fd) == 1, "SSL_set_fd failed");
        return *this;
    }

    // The client's SNI name and the name its certificate must carry.
    Connection &set_host(const std::string &name)
    {
        detail::check(SSL_set_tlsext_host_name(get(), name.c_str()) == 1,
                      "SSL_set_tlsext_host_name failed");
        detail::check(SSL_set1_host(get(), name.c_str()) == 1, "SSL_set1_host failed");
        return *this;
    }

    Connection &offer_alpn(const std::vector<std::string> &protocols)
    {
        const std::string wire = detail::to_wire(protocols);
        detail::check(SSL_set_alpn_protos(get(), reinterpret_cast<const unsigned char *>(
                                                     wire.data()),
                                          static_cast<unsigned>(wire.size())) == 0,
                      "SSL_set_alpn_protos failed");
        return *this;
    }

    // The session to keep for a later connection (empty before a handshake).
    Session session() const { return Session(SSL_get1_session(get())); }
    // Offers a saved session in the coming handshake (set before connect).
    Connection &resume(const Session &session)
    {
        if (!SSL_in_before(get()))
            throw Error("resume: the handshake has started already", {});
        detail::check(SSL_set_session(get(), session.get()) == 1, "SSL_set_session failed");
        return *this;
    }

    // The handshake as a client, as a server, or in the role set already.
    Status connect() { return call([this] { return SSL_connect(get()); }, "SSL_connect"); }
    Status accept() { return call([this] { return SSL_accept(get()); }, "SSL_accept"); }
    Status handshake() { return call([this] { return SSL_do_handshake(get()); }, "SSL_do_handshake"); }

    // Reads up to size bytes: ok with bytes > 0, closed at the peer's close_notify.
    IoResult read(void *buf, std::size_t size)
    {
        std::size_t got = 0;
        const Status status =
            call([&] { return SSL_read_ex(get(), buf, size, &got); }, "SSL_read");
        return {status, got};
    }

    // Reads until size bytes have arrived: ok, or the status that stopped it with the
    // bytes read so far.
    IoResult read_exactly(void *buf, std::size_t size)
    {
        auto *p = static_cast<unsigned char *>(buf);
        std::size_t done = 0;
        while (done < size) {
            const IoResult r = read(p + done, size - done);
            done += r.bytes;
            if (r.status != Status::ok)
                return {r.status, done};
        }
        return {Status::ok, done};
    }

    // Writes all of data: ok, or the status that stopped it with the bytes written so
    // far (after want_write, call again with the rest).
    IoResult write(std::string_view data) { return write(data.data(), data.size()); }
    IoResult write(const void *data, std::size_t size)
    {
        const auto *p = static_cast<const unsigned char *>(data);
        std::size_t done = 0;
        while (done < size) {
            std::size_t n = 0;
            const Status status =
                call([&] { return SSL_write_ex(get(), p + done, size - done, &n); }, "SSL_write");
            done += n;
            if (status != Status::ok)
                return {status, done};
        }
        return {Status::ok, done};
    }

    // Sends close_notify: ok once it is sent (want_write: call again). closed_by_peer()
    // says whether the peer's has arrived; a second call waits for it.
    Status shutdown()
    {
        return call([this] { return SSL_shutdown(get()) >= 0 ? 1 : -1; }, "SSL_shutdown");
    }

    // True once the peer's close_notify has arrived.
    bool closed_by_peer() const { return (SSL_get_shutdown(get()) & SSL_RECEIVED_SHUTDOWN) != 0; }

private:
    // Runs one TLS call (1 for success) and says what its result means; throws the
    // failure, of the class the error queue and SSL_get_error call for.
    template <typename Fn>
    Status call(Fn fn, const char *what)
    {
        if (get() == nullptr)
            throw Error(std::string(what) + ": this tls12::Connection is empty (moved from)", {});
        errno = 0;
        const int result = fn();
        const int saved_errno = errno;
        if (result == 1)
            return Status::ok;
        const int err = SSL_get_error(get(), result);
        switch (err) {
        case SSL_ERROR_WANT_READ:
            return Status::want_read;
        case SSL_ERROR_WANT_WRITE:
            return Status::want_write;
        case SSL_ERROR_ZERO_RETURN:
            return Status::closed;
        default:
            fail(std::string(what) + " failed", err, saved_errno);
        }
    }

    [[noreturn]] void fail(const std::string &what, int err, int saved_errno) const
    {
        auto entries = take_error_queue();
        if (err == SSL_ERROR_SYSCALL) {
            if (saved_errno != 0)
                throw SystemError(what, std::move(entries), err, saved_errno);
            throw ClosedError(what + ": the transport ended without close_notify",
                              std::move(entries), err);
        }
        const int lib = entries.empty() ? 0 : ERR_GET_LIB(entries.front().code);
        const int reason = entries.empty() ? 0 : ERR_GET_REASON(entries.front().code);
        if (lib == ERR_LIB_SYS)
            throw SystemError(what, std::move(entries), err, reason);
        const long verify = get() != nullptr ? SSL_get_verify_result(get()) : X509_V_OK;
        for (const auto &e : entries) {
            if (verify != X509_V_OK && ERR_GET_LIB(e.code) == ERR_LIB_SSL &&
                ERR_GET_REASON(e.code) == SSL_R_CERTIFICATE_VERIFY_FAILED)
                throw VerifyError(what, std::move(entries), err, verify);
        }
        if (lib == ERR_LIB_SSL &&
            (reason == SSL_R_UNEXPECTED_EOF_WHILE_READING || reason == SSL_R_PROTOCOL_IS_SHUTDOWN))
            throw ClosedError(what, std::move(entries), err);
        if (lib == ERR_LIB_SSL && reason > SSL_AD_REASON_OFFSET)
            throw AlertError(what, std::move(entries), err, reason - SSL_AD_REASON_OFFSET);
        throw ProtocolError(what, std::move(entries), err);
    }

    std::unique_ptr<SSL, detail::Deleter<SSL_free>> ssl_;
    Context ctx_;   // keeps the context and its callbacks alive
};

} // namespace tls12

#endif
