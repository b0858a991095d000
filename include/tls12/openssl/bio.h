/*
 * libtls12 compatibility header: <openssl/bio.h>.
 * BIOs: memory (BIO_s_mem, BIO_new_mem_buf), pairs (BIO_new_bio_pair), sockets and
 * file descriptors (BIO_new_socket, BIO_new_fd), with OpenSSL's retry flags;
 * user-defined methods (BIO_meth_new and its setters, BIO_get_data, BIO_set_init ...);
 * chains (BIO_push, BIO_pop, BIO_next, BIO_free_all), accept, connect and SSL BIOs,
 * and address lookup with plain sockets (BIO_lookup_ex, BIO_socket, BIO_connect,
 * BIO_closesocket).
 */
#ifndef TLS12_OPENSSL_BIO_H
#define TLS12_OPENSSL_BIO_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "crypto.h"

#define BIO_NOCLOSE 0x00
#define BIO_CLOSE 0x01

#define BIO_TYPE_DESCRIPTOR 0x0100
#define BIO_TYPE_FILTER 0x0200
#define BIO_TYPE_SOURCE_SINK 0x0400
#define BIO_TYPE_NONE 0
#define BIO_TYPE_MEM (1 | BIO_TYPE_SOURCE_SINK)
#define BIO_TYPE_FILE (2 | BIO_TYPE_SOURCE_SINK)
#define BIO_TYPE_FD (4 | BIO_TYPE_SOURCE_SINK | BIO_TYPE_DESCRIPTOR)
#define BIO_TYPE_SOCKET (5 | BIO_TYPE_SOURCE_SINK | BIO_TYPE_DESCRIPTOR)
#define BIO_TYPE_BIO (19 | BIO_TYPE_SOURCE_SINK)
#define BIO_TYPE_SSL (7 | BIO_TYPE_FILTER)
#define BIO_TYPE_CONNECT (12 | BIO_TYPE_SOURCE_SINK | BIO_TYPE_DESCRIPTOR)
#define BIO_TYPE_ACCEPT (13 | BIO_TYPE_SOURCE_SINK | BIO_TYPE_DESCRIPTOR)
#define BIO_TYPE_START 128

#define BIO_CTRL_RESET 1
#define BIO_CTRL_EOF 2
#define BIO_CTRL_INFO 3
#define BIO_CTRL_SET 4
#define BIO_CTRL_GET 5
#define BIO_CTRL_PUSH 6
#define BIO_CTRL_POP 7
#define BIO_CTRL_GET_CLOSE 8
#define BIO_CTRL_SET_CLOSE 9
#define BIO_CTRL_PENDING 10
#define BIO_CTRL_FLUSH 11
#define BIO_CTRL_DUP 12
#define BIO_CTRL_WPENDING 13
#define BIO_CTRL_SET_CALLBACK 14
#define BIO_CTRL_GET_CALLBACK 15

#define BIO_C_SET_NBIO 102
#define BIO_C_SET_FD 104
#define BIO_C_GET_FD 105
#define BIO_C_SET_FILE_PTR 106
#define BIO_C_GET_FILE_PTR 107
#define BIO_C_SET_FILENAME 108
#define BIO_C_SET_BUF_MEM_EOF_RETURN 130
#define BIO_C_GET_WRITE_BUF_SIZE 137
#define BIO_C_GET_WRITE_GUARANTEE 140
#define BIO_C_GET_READ_REQUEST 141
#define BIO_C_SHUTDOWN_WR 142
#define BIO_C_RESET_READ_REQUEST 147

#define BIO_FLAGS_READ 0x01
#define BIO_FLAGS_WRITE 0x02
#define BIO_FLAGS_IO_SPECIAL 0x04
#define BIO_FLAGS_RWS (BIO_FLAGS_READ | BIO_FLAGS_WRITE | BIO_FLAGS_IO_SPECIAL)
#define BIO_FLAGS_SHOULD_RETRY 0x08

#define BIO_should_read(b) BIO_test_flags((b), BIO_FLAGS_READ)
#define BIO_should_write(b) BIO_test_flags((b), BIO_FLAGS_WRITE)
#define BIO_should_io_special(b) BIO_test_flags((b), BIO_FLAGS_IO_SPECIAL)
#define BIO_retry_type(b) BIO_test_flags((b), BIO_FLAGS_RWS)
#define BIO_should_retry(b) BIO_test_flags((b), BIO_FLAGS_SHOULD_RETRY)
#define BIO_get_retry_flags(b) BIO_test_flags((b), (BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY))
#define BIO_clear_retry_flags(b) BIO_clear_flags((b), (BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY))
#define BIO_set_retry_special(b) BIO_set_flags((b), (BIO_FLAGS_IO_SPECIAL | BIO_FLAGS_SHOULD_RETRY))
#define BIO_set_retry_read(b) BIO_set_flags((b), (BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY))
#define BIO_set_retry_write(b) BIO_set_flags((b), (BIO_FLAGS_WRITE | BIO_FLAGS_SHOULD_RETRY))

/* User-defined methods (BIO_meth_new): the functions' types as OpenSSL names them. */
typedef int BIO_info_cb(BIO *, int, int);
typedef BIO_info_cb bio_info_cb;
#define BIO_dup_state(b, ret) BIO_ctrl((b), BIO_CTRL_DUP, 0, (char *)(ret))

#define BIO_reset(b) (int)BIO_ctrl((b), BIO_CTRL_RESET, 0, NULL)
#define BIO_eof(b) (int)BIO_ctrl((b), BIO_CTRL_EOF, 0, NULL)
#define BIO_flush(b) (int)BIO_ctrl((b), BIO_CTRL_FLUSH, 0, NULL)
#define BIO_pending(b) (int)BIO_ctrl((b), BIO_CTRL_PENDING, 0, NULL)
#define BIO_wpending(b) (int)BIO_ctrl((b), BIO_CTRL_WPENDING, 0, NULL)
#define BIO_get_close(b) (int)BIO_ctrl((b), BIO_CTRL_GET_CLOSE, 0, NULL)
#define BIO_set_close(b, c) (int)BIO_ctrl((b), BIO_CTRL_SET_CLOSE, (c), NULL)
#define BIO_get_mem_data(b, pp) BIO_ctrl((b), BIO_CTRL_INFO, 0, (char *)(pp))
#define BIO_set_mem_eof_return(b, v) BIO_ctrl((b), BIO_C_SET_BUF_MEM_EOF_RETURN, (v), NULL)
#define BIO_set_fd(b, fd, c) BIO_int_ctrl((b), BIO_C_SET_FD, (c), (fd))
#define BIO_get_fd(b, c) BIO_ctrl((b), BIO_C_GET_FD, 0, (char *)(c))
#define BIO_set_nbio(b, n) BIO_ctrl((b), BIO_C_SET_NBIO, (n), NULL)
#define BIO_get_write_buf_size(b, size) (size_t)BIO_ctrl((b), BIO_C_GET_WRITE_BUF_SIZE, (size), NULL)
#define BIO_get_write_guarantee(b) (int)BIO_ctrl((b), BIO_C_GET_WRITE_GUARANTEE, 0, NULL)
#define BIO_get_read_request(b) (int)BIO_ctrl((b), BIO_C_GET_READ_REQUEST, 0, NULL)
#define BIO_shutdown_wr(b) (int)BIO_ctrl((b), BIO_C_SHUTDOWN_WR, 0, NULL)

/* Stdio stream BIOs (BIO_s_file, BIO_new_fp, BIO_new_file). */
#define BIO_FP_READ 0x02
#define BIO_FP_WRITE 0x04
#define BIO_FP_APPEND 0x08
#define BIO_FP_TEXT 0x10
#define BIO_set_fp(b, fp, c) BIO_ctrl((b), BIO_C_SET_FILE_PTR, (c), (char *)(fp))
#define BIO_get_fp(b, fpp) BIO_ctrl((b), BIO_C_GET_FILE_PTR, 0, (char *)(fpp))
#define BIO_read_filename(b, name) \
    (int)BIO_ctrl((b), BIO_C_SET_FILENAME, BIO_CLOSE | BIO_FP_READ, (char *)(name))
#define BIO_write_filename(b, name) \
    (int)BIO_ctrl((b), BIO_C_SET_FILENAME, BIO_CLOSE | BIO_FP_WRITE, (name))
#define BIO_append_filename(b, name) \
    (int)BIO_ctrl((b), BIO_C_SET_FILENAME, BIO_CLOSE | BIO_FP_APPEND, (name))
#define BIO_rw_filename(b, name) \
    (int)BIO_ctrl((b), BIO_C_SET_FILENAME, BIO_CLOSE | BIO_FP_READ | BIO_FP_WRITE, (name))

/* Address lookup and sockets (BIO_lookup_ex, BIO_socket, BIO_connect). */
#define BIO_LOOKUP_CLIENT 0
#define BIO_LOOKUP_SERVER 1
#define BIO_FAMILY_IPV4 4
#define BIO_FAMILY_IPV6 6
#define BIO_FAMILY_IPANY 256
#define BIO_SOCK_REUSEADDR 0x01
#define BIO_SOCK_V6_ONLY 0x02
#define BIO_SOCK_KEEPALIVE 0x04
#define BIO_SOCK_NONBLOCK 0x08
#define BIO_SOCK_NODELAY 0x10
#ifndef INVALID_SOCKET
#define INVALID_SOCKET (-1)
#endif

/* Accept BIOs (BIO_new_accept): BIO_do_accept listens, then accepts one connection. */
#define BIO_C_DO_STATE_MACHINE 101
#define BIO_C_SET_ACCEPT 118
#define BIO_C_SET_BIND_MODE 131
#define BIO_BIND_NORMAL 0
#define BIO_BIND_REUSEADDR BIO_SOCK_REUSEADDR
#define BIO_BIND_REUSEADDR_IF_UNUSED BIO_SOCK_REUSEADDR
#define BIO_set_accept_name(b, name) BIO_ctrl((b), BIO_C_SET_ACCEPT, 0, (char *)(name))
#define BIO_set_nbio_accept(b, n) BIO_ctrl((b), BIO_C_SET_ACCEPT, 2, (n) ? (void *)"a" : NULL)
#define BIO_set_accept_bios(b, bio) BIO_ctrl((b), BIO_C_SET_ACCEPT, 3, (char *)(bio))
#define BIO_set_bind_mode(b, mode) BIO_ctrl((b), BIO_C_SET_BIND_MODE, (mode), NULL)
#define BIO_do_handshake(b) BIO_ctrl((b), BIO_C_DO_STATE_MACHINE, 0, NULL)
#define BIO_do_accept(b) BIO_do_handshake(b)

/* Connect BIOs (BIO_new_connect, BIO_s_connect): BIO_do_connect connects. */
#define BIO_C_SET_CONNECT 100
#define BIO_C_GET_CONNECT 123
#define BIO_set_conn_hostname(b, name) BIO_ctrl((b), BIO_C_SET_CONNECT, 0, (char *)(name))
#define BIO_set_conn_port(b, port) BIO_ctrl((b), BIO_C_SET_CONNECT, 1, (char *)(port))
#define BIO_get_conn_hostname(b) ((const char *)(intptr_t)BIO_ctrl((b), BIO_C_GET_CONNECT, 0, NULL))
#define BIO_get_conn_port(b) ((const char *)(intptr_t)BIO_ctrl((b), BIO_C_GET_CONNECT, 1, NULL))
#define BIO_do_connect(b) BIO_do_handshake(b)

/* SSL BIOs (BIO_f_ssl; BIO_new_ssl and BIO_new_ssl_connect in ssl.h). */
#define BIO_C_SET_SSL 109
#define BIO_C_GET_SSL 110
#define BIO_C_SSL_MODE 119
#define BIO_set_ssl(b, ssl, c) BIO_ctrl((b), BIO_C_SET_SSL, (c), (char *)(ssl))
#define BIO_get_ssl(b, sslp) BIO_ctrl((b), BIO_C_GET_SSL, 0, (char *)(sslp))
#define BIO_set_ssl_mode(b, client) BIO_ctrl((b), BIO_C_SSL_MODE, (client), NULL)

/*
 * BIO_printf and BIO_vprintf: formatted like vsnprintf, then written with BIO_write.
 * (Rust cannot define C variadic functions on stable, so these live in the header.)
 * They return the number of bytes written, or -1.
 */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 0)))
#endif
static inline int tls12_compat_BIO_vprintf(BIO *bio, const char *format, va_list args)
{
    char small[512];
    va_list again;
    va_copy(again, args);
    int len = vsnprintf(small, sizeof small, format, args);
    if (len < 0) {
        va_end(again);
        return -1;
    }
    char *text = small;
    if ((size_t)len >= sizeof small) {
        text = (char *)malloc((size_t)len + 1);
        if (text == NULL) {
            va_end(again);
            return -1;
        }
        vsnprintf(text, (size_t)len + 1, format, again);
    }
    va_end(again);
    int written = len == 0 ? 0 : tls12_BIO_write(bio, text, len);
    if (text != small)
        free(text);
    return written;
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static inline int tls12_compat_BIO_printf(BIO *bio, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int written = tls12_compat_BIO_vprintf(bio, format, args);
    va_end(args);
    return written;
}

#define BIO_printf tls12_compat_BIO_printf
#define BIO_vprintf tls12_compat_BIO_vprintf

#endif /* TLS12_OPENSSL_BIO_H */
