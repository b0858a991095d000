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
// Owners: Context (SSL_CTX), Connection (SSL), Certificate (X509) and, where the library
// has sessions, Session (SSL_SESSION). Each holds a std::unique_ptr whose deleter calls
// the *_free function; copies of a Context, Certificate or Session share the object
// through *_up_ref. Failures throw tls12::Error, which carries the whole error queue.
// Callbacks are lambdas (std::function), called through static trampolines that find
// them in the context's app_data slot.
#ifndef TLS12_CPP_TLS12_HPP
#define TLS12_CPP_TLS12_HPP

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Sessions need functions that a build of libtls12 may not have yet; the compatibility
// headers define the OpenSSL names as macros exactly for the functions that exist.
#if !defined(TLS12_COMPAT) || defined(TLS12_HAVE_SESSIONS) ||                             \
    (defined(SSL_get1_session) && defined(SSL_set_session) && defined(SSL_SESSION_free) &&  \
     defined(SSL_SESSION_up_ref))
#define TLS12_CPP_HAVE_SESSIONS 1
#else
#define TLS12_CPP_HAVE_SESSIONS 0
#endif

namespace tls12 {

// ---------------------------------------------------------------- errors

// A failure, with the text of every entry of the thread's error queue (which it empties).
class Error : public std::runtime_error {
public:
    explicit Error(const std::string &what) : Error(what, drain()) {}

    // The packed codes (ERR_get_error), oldest first.
    const std::vector<unsigned long> &codes() const noexcept { return codes_; }

private:
    struct Queue {
        std::string text;
        std::vector<unsigned long> codes;
    };

    Error(const std::string &what, Queue queue)
        : std::runtime_error(what + queue.text), codes_(std::move(queue.codes)) {}

    static Queue drain()
    {
        Queue queue;
        char line[256];
        for (unsigned long code; (code = ERR_get_error()) != 0;) {
            ERR_error_string_n(code, line, sizeof line);
            queue.text += queue.codes.empty() ? ": " : "; ";
            queue.text += line;
            queue.codes.push_back(code);
        }
        return queue;
    }

    std::vector<unsigned long> codes_;
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

inline void check(bool ok, const char *what)
{
    if (!ok)
        throw Error(what);
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

#if TLS12_CPP_HAVE_SESSIONS
class Session {
public:
    Session() = default;
    explicit Session(SSL_SESSION *adopted) noexcept : session_(adopted) {}
    SSL_SESSION *get() const noexcept { return session_.get(); }
    explicit operator bool() const noexcept { return bool(session_); }

private:
    detail::Shared<SSL_SESSION, SSL_SESSION_free, SSL_SESSION_up_ref> session_;
};
#endif

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

    explicit Context(Role role)
        : ctx_(SSL_CTX_new(role == Role::client ? TLS_client_method() : TLS_server_method())),
          callbacks_(std::make_shared<Callbacks>())
    {
        detail::check(bool(ctx_), "SSL_CTX_new failed");
        SSL_CTX_set_min_proto_version(get(), TLS1_2_VERSION);
        SSL_CTX_set_max_proto_version(get(), TLS1_2_VERSION);
        SSL_CTX_set_app_data(get(), callbacks_.get());
    }

    Context &use_certificate(const std::string &chain_file, const std::string &key_file)
    {
        detail::check(SSL_CTX_use_certificate_chain_file(get(), chain_file.c_str()) == 1,
                      "SSL_CTX_use_certificate_chain_file failed");
        detail::check(SSL_CTX_use_PrivateKey_file(get(), key_file.c_str(), SSL_FILETYPE_PEM) == 1,
                      "SSL_CTX_use_PrivateKey_file failed");
        detail::check(SSL_CTX_check_private_key(get()) == 1, "the key does not match");
        return *this;
    }

    Context &trust_file(const std::string &ca_file)
    {
        detail::check(SSL_CTX_load_verify_locations(get(), ca_file.c_str(), nullptr) == 1,
                      "SSL_CTX_load_verify_locations failed");
        return *this;
    }

    Context &verify_peer(int extra_mode = 0)
    {
        SSL_CTX_set_verify(get(), SSL_VERIFY_PEER | extra_mode,
                           callbacks_->verify ? verify_trampoline : nullptr);
        mode_ = SSL_VERIFY_PEER | extra_mode;
        return *this;
    }

    Context &ciphers(const std::string &list)
    {
        detail::check(SSL_CTX_set_cipher_list(get(), list.c_str()) == 1,
                      "SSL_CTX_set_cipher_list failed");
        return *this;
    }

    Context &on_servername(ServernameFn fn)
    {
        callbacks_->servername = std::move(fn);
        SSL_CTX_set_tlsext_servername_callback(get(), servername_trampoline);
        SSL_CTX_set_tlsext_servername_arg(get(), callbacks_.get());
        return *this;
    }

    Context &on_alpn_select(AlpnSelectFn fn)
    {
        callbacks_->alpn = std::move(fn);
        SSL_CTX_set_alpn_select_cb(get(), alpn_trampoline, callbacks_.get());
        return *this;
    }

    // Takes effect with verify_peer (before or after).
    Context &on_verify(VerifyFn fn)
    {
        callbacks_->verify = std::move(fn);
        SSL_CTX_set_verify(get(), mode_, verify_trampoline);
        return *this;
    }

    SSL_CTX *get() const noexcept { return ctx_.get(); }

private:
    struct Callbacks {
        ServernameFn servername;
        AlpnSelectFn alpn;
        VerifyFn verify;
    };

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
            auto *cb = static_cast<Callbacks *>(SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl)));
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

class Connection : public ConnectionView {
public:
    explicit Connection(const Context &ctx)
        : ConnectionView(nullptr), ssl_(SSL_new(ctx.get())), ctx_(ctx)
    {
        detail::check(bool(ssl_), "SSL_new failed");
        reset(ssl_.get());
    }
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;
    Connection(Connection &&) = default;
    Connection &operator=(Connection &&) = default;
    ~Connection() = default;

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

#if TLS12_CPP_HAVE_SESSIONS
    Session session() const { return Session(SSL_get1_session(get())); }
    Connection &resume(const Session &session)
    {
        detail::check(SSL_set_session(get(), session.get()) == 1, "SSL_set_session failed");
        return *this;
    }
#endif

    void connect() { handshake(SSL_connect(get()), "SSL_connect"); }
    void accept() { handshake(SSL_accept(get()), "SSL_accept"); }

    // Reads up to size bytes; returns 0 when the peer has closed the connection.
    std::size_t read(void *buf, std::size_t size)
    {
        std::size_t got = 0;
        if (SSL_read_ex(get(), buf, size, &got) == 1)
            return got;
        if (SSL_get_error(get(), 0) == SSL_ERROR_ZERO_RETURN)
            return 0;
        throw Error("SSL_read failed");
    }

    // Reads until size bytes have arrived; false when the peer closed first.
    bool read_exactly(void *buf, std::size_t size)
    {
        auto *p = static_cast<unsigned char *>(buf);
        for (std::size_t n; size > 0; p += n, size -= n) {
            if ((n = read(p, size)) == 0)
                return false;
        }
        return true;
    }

    // Writes all of data.
    void write(std::string_view data) { write(data.data(), data.size()); }
    void write(const void *data, std::size_t size)
    {
        auto *p = static_cast<const unsigned char *>(data);
        for (std::size_t n = 0; size > 0; p += n, size -= n)
            detail::check(SSL_write_ex(get(), p, size, &n) == 1, "SSL_write failed");
    }

    // Sends close_notify; returns true when the peer's has arrived too.
    bool shutdown()
    {
        const int r = SSL_shutdown(get());
        detail::check(r >= 0, "SSL_shutdown failed");
        return r == 1;
    }

private:
    void handshake(int result, const char *what)
    {
        if (result != 1)
            throw Error(std::string(what) + " failed (SSL_get_error " +
                        std::to_string(SSL_get_error(get(), result)) + ")");
    }

    std::unique_ptr<SSL, detail::Deleter<SSL_free>> ssl_;
    Context ctx_;   // keeps the context and its callbacks alive
};

} // namespace tls12

#endif
