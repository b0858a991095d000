/*
 * libtls12 compatibility header: <openssl/err.h>.
 * The per-thread error queue, with OpenSSL 3's packing of error codes:
 * ERR_PACK(ERR_LIB_SSL, 0, reason) = (20 << 23) | reason, printed "0A0000xx".
 */
#ifndef TLS12_OPENSSL_ERR_H
#define TLS12_OPENSSL_ERR_H

#include <limits.h>
#include "bio.h"

#define ERR_TXT_MALLOCED 0x01
#define ERR_TXT_STRING 0x02

#define ERR_LIB_NONE 1
#define ERR_LIB_SYS 2
#define ERR_LIB_PEM 9
#define ERR_LIB_X509 11
#define ERR_LIB_ASN1 13
#define ERR_LIB_SSL 20
#define ERR_LIB_BIO 32
#define ERR_LIB_USER 128

#define ERR_SYSTEM_FLAG ((unsigned int)INT_MAX + 1)
#define ERR_SYSTEM_MASK ((unsigned int)INT_MAX)
#define ERR_LIB_OFFSET 23L
#define ERR_LIB_MASK 0xFF
#define ERR_REASON_MASK 0x7FFFFF

#define ERR_SYSTEM_ERROR(errcode) (((errcode) & ERR_SYSTEM_FLAG) != 0)
#define ERR_GET_LIB(errcode) \
    (ERR_SYSTEM_ERROR(errcode) ? ERR_LIB_SYS : (int)(((errcode) >> ERR_LIB_OFFSET) & ERR_LIB_MASK))
#define ERR_GET_FUNC(errcode) 0
#define ERR_GET_REASON(errcode) \
    (ERR_SYSTEM_ERROR(errcode) ? (int)((errcode) & ERR_SYSTEM_MASK) : (int)((errcode) & ERR_REASON_MASK))
#define ERR_PACK(lib, func, reason) \
    ((((unsigned long)(lib) & ERR_LIB_MASK) << ERR_LIB_OFFSET) | ((unsigned long)(reason) & ERR_REASON_MASK))

/* PEM's reason at the end of the input, what loops over PEM_read_* look for. */
#define PEM_R_NO_START_LINE 108

#define ERR_remove_state(pid) tls12_ERR_remove_thread_state(NULL)

#endif /* TLS12_OPENSSL_ERR_H */
