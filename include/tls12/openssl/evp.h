/*
 * libtls12 compatibility header: <openssl/evp.h>.
 * Message digests (EVP_MD: MD5, SHA-1, SHA-224/256/384/512, SHA-512/256) and ciphers
 * (EVP_CIPHER: AES-128/192/256-CBC), with OpenSSL 3's names and its older spellings.
 */
#ifndef TLS12_OPENSSL_EVP_H
#define TLS12_OPENSSL_EVP_H

#include "crypto.h"

#define EVP_MAX_MD_SIZE 64
#define EVP_MAX_KEY_LENGTH 64
#define EVP_MAX_IV_LENGTH 16
#define EVP_MAX_BLOCK_LENGTH 32

#define EVP_CIPH_STREAM_CIPHER 0x0
#define EVP_CIPH_ECB_MODE 0x1
#define EVP_CIPH_CBC_MODE 0x2
#define EVP_CIPH_CFB_MODE 0x3
#define EVP_CIPH_OFB_MODE 0x4
#define EVP_CIPH_CTR_MODE 0x5
#define EVP_CIPH_GCM_MODE 0x6
#define EVP_CIPH_MODE 0xF0007

/* Digests: OpenSSL 1.1 spellings of the 3.0 getters. */
#define EVP_MD_size EVP_MD_get_size
#define EVP_MD_block_size EVP_MD_get_block_size
#define EVP_MD_type EVP_MD_get_type
#define EVP_MD_nid EVP_MD_get_type
#define EVP_MD_name EVP_MD_get0_name
#define EVP_MD_CTX_create() EVP_MD_CTX_new()
#define EVP_MD_CTX_destroy(ctx) EVP_MD_CTX_free((ctx))
#define EVP_MD_CTX_init(ctx) EVP_MD_CTX_reset((ctx))
#define EVP_MD_CTX_cleanup(ctx) EVP_MD_CTX_reset((ctx))
#define EVP_MD_CTX_md EVP_MD_CTX_get0_md
#define EVP_MD_CTX_get_size(e) EVP_MD_get_size(EVP_MD_CTX_get0_md(e))
#define EVP_MD_CTX_get_block_size(e) EVP_MD_get_block_size(EVP_MD_CTX_get0_md(e))
#define EVP_MD_CTX_get_type(e) EVP_MD_get_type(EVP_MD_CTX_get0_md(e))
#define EVP_MD_CTX_size EVP_MD_CTX_get_size
#define EVP_MD_CTX_block_size EVP_MD_CTX_get_block_size
#define EVP_MD_CTX_type EVP_MD_CTX_get_type
#define EVP_MD_CTX_copy(out, in) EVP_MD_CTX_copy_ex((out), (in))

/* Ciphers: OpenSSL 1.1 spellings of the 3.0 getters. */
#define EVP_CIPHER_key_length EVP_CIPHER_get_key_length
#define EVP_CIPHER_iv_length EVP_CIPHER_get_iv_length
#define EVP_CIPHER_block_size EVP_CIPHER_get_block_size
#define EVP_CIPHER_nid EVP_CIPHER_get_nid
#define EVP_CIPHER_type EVP_CIPHER_get_nid
#define EVP_CIPHER_mode EVP_CIPHER_get_mode
#define EVP_CIPHER_name EVP_CIPHER_get0_name
#define EVP_CIPHER_CTX_cipher EVP_CIPHER_CTX_get0_cipher
#define EVP_CIPHER_CTX_encrypting EVP_CIPHER_CTX_is_encrypting
#define EVP_CIPHER_CTX_get_key_length(c) EVP_CIPHER_get_key_length(EVP_CIPHER_CTX_get0_cipher(c))
#define EVP_CIPHER_CTX_get_iv_length(c) EVP_CIPHER_get_iv_length(EVP_CIPHER_CTX_get0_cipher(c))
#define EVP_CIPHER_CTX_get_block_size(c) EVP_CIPHER_get_block_size(EVP_CIPHER_CTX_get0_cipher(c))
#define EVP_CIPHER_CTX_get_nid(c) EVP_CIPHER_get_nid(EVP_CIPHER_CTX_get0_cipher(c))
#define EVP_CIPHER_CTX_get_mode(c) EVP_CIPHER_get_mode(EVP_CIPHER_CTX_get0_cipher(c))
#define EVP_CIPHER_CTX_key_length EVP_CIPHER_CTX_get_key_length
#define EVP_CIPHER_CTX_iv_length EVP_CIPHER_CTX_get_iv_length
#define EVP_CIPHER_CTX_block_size EVP_CIPHER_CTX_get_block_size
#define EVP_CIPHER_CTX_nid EVP_CIPHER_CTX_get_nid
#define EVP_CIPHER_CTX_mode EVP_CIPHER_CTX_get_mode
#define EVP_CIPHER_CTX_init(c) EVP_CIPHER_CTX_reset((c))
#define EVP_CIPHER_CTX_cleanup(c) EVP_CIPHER_CTX_reset((c))

#endif /* TLS12_OPENSSL_EVP_H */
