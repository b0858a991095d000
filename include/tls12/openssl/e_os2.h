/*
 * libtls12 compatibility header: <openssl/e_os2.h>.
 * The platform's words as OpenSSL spells them: the system, export markers, inline, and
 * fixed-width integer types.
 */
#ifndef TLS12_OPENSSL_E_OS2_H
#define TLS12_OPENSSL_E_OS2_H

#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <sys/types.h>
#include "opensslconf.h"

#if defined(__unix__) || defined(__unix) || defined(__APPLE__)
# define OPENSSL_SYS_UNIX
#endif
#if defined(__linux__)
# define OPENSSL_SYS_LINUX
#endif

#define OPENSSL_EXPORT extern
#define OPENSSL_EXTERN extern
#define OPENSSL_IMPORT extern
#define OPENSSL_GLOBAL
#define OPENSSL_UNISTD <unistd.h>

#if defined(__GNUC__)
# define ossl_inline __inline__
# define ossl_noreturn __attribute__((noreturn))
# define ossl_unused __attribute__((unused))
#else
# define ossl_inline inline
# define ossl_noreturn
# define ossl_unused
#endif

#define ossl_ssize_t ssize_t
#define OSSL_SSIZE_MAX SSIZE_MAX
typedef intmax_t ossl_intmax_t;
typedef uintmax_t ossl_uintmax_t;

#endif /* TLS12_OPENSSL_E_OS2_H */
