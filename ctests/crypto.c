/*
 * ctest: compared (run against OpenSSL and libtls12; the outputs must match)
 *
 * The libcrypto calls TLS programs make besides TLS (nginx's ticket keys and cache
 * ids, curl's digest authentication and checksums): EVP digests, the low-level
 * MD5/SHA functions on contexts the program allocates itself, HMAC, AES-CBC with and
 * without padding (and bad padding refused), and RAND. Prints every result in hex.
 */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/md5.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <stdio.h>
#include <string.h>

static void hex(const char *what, const unsigned char *p, size_t n)
{
    printf("%s:", what);
    for (size_t i = 0; i < n; i++)
        printf("%02x", p[i]);
    printf("\n");
}

static unsigned char message[1000];

static void digests(void)
{
    static const char *const names[] = {"MD5", "SHA1", "sha224", "SHA256", "SHA384", "SHA512"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const EVP_MD *md = EVP_get_digestbyname(names[i]);
        unsigned char out[EVP_MAX_MD_SIZE];
        unsigned int len = 0;
        EVP_MD_CTX *ctx = EVP_MD_CTX_create();
        printf("%s size %d block %d nid %d\n", names[i], EVP_MD_size(md), EVP_MD_block_size(md), EVP_MD_type(md));
        EVP_DigestInit_ex(ctx, md, NULL);
        /* Odd pieces, as curl and nginx feed headers and bodies. */
        for (size_t off = 0; off < sizeof message; off += 37) {
            size_t n = sizeof message - off < 37 ? sizeof message - off : 37;
            EVP_DigestUpdate(ctx, message + off, n);
        }
        printf("ctx size %d\n", EVP_MD_CTX_size(ctx));
        EVP_DigestFinal_ex(ctx, out, &len);
        EVP_MD_CTX_destroy(ctx);
        hex(names[i], out, len);
    }
}

static void low_level(void)
{
    unsigned char out[SHA512_DIGEST_LENGTH];
    MD5_CTX md5;
    SHA_CTX sha1;
    SHA256_CTX sha256;
    SHA512_CTX sha512;

    MD5_Init(&md5);
    MD5_Update(&md5, message, 3);
    MD5_Update(&md5, message + 3, sizeof message - 3);
    MD5_Final(out, &md5);
    hex("MD5_Final", out, MD5_DIGEST_LENGTH);
    hex("MD5()", MD5(message, 55, out), MD5_DIGEST_LENGTH);

    SHA1_Init(&sha1);
    SHA1_Update(&sha1, message, 64);
    SHA1_Final(out, &sha1);
    hex("SHA1_Final", out, SHA_DIGEST_LENGTH);
    hex("SHA1()", SHA1(message, 0, out), SHA_DIGEST_LENGTH);

    SHA256_Init(&sha256);
    SHA256_Update(&sha256, message, 65);
    SHA256_CTX copy = sha256; /* contexts are copied by assignment */
    SHA256_Update(&copy, message, 1);
    SHA256_Final(out, &sha256);
    hex("SHA256_Final", out, SHA256_DIGEST_LENGTH);
    SHA256_Final(out, &copy);
    hex("SHA256_Final copy", out, SHA256_DIGEST_LENGTH);
    hex("SHA256()", SHA256(message, sizeof message, out), SHA256_DIGEST_LENGTH);

    SHA512_Init(&sha512);
    SHA512_Update(&sha512, message, 111);
    SHA512_Final(out, &sha512);
    hex("SHA512_Final", out, SHA512_DIGEST_LENGTH);
    hex("SHA384()", SHA384(message, 129, out), SHA384_DIGEST_LENGTH);
}

static void hmacs(void)
{
    unsigned char key[100], out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    memcpy(key, message + 500, sizeof key);
    HMAC(EVP_sha256(), key, 32, message, 200, out, &len);
    hex("HMAC sha256 key 32", out, len);
    HMAC(EVP_sha1(), key, 100, message, 3, out, &len);
    hex("HMAC sha1 key 100", out, len);
    HMAC(EVP_md5(), NULL, 0, message, 64, out, &len);
    hex("HMAC md5 no key", out, len);

    /* As nginx's ticket callback: a context keyed once, then restarted. */
    HMAC_CTX *ctx = HMAC_CTX_new();
    HMAC_Init_ex(ctx, key, 32, EVP_sha256(), NULL);
    printf("HMAC_size %zu\n", HMAC_size(ctx));
    HMAC_Update(ctx, message, 10);
    HMAC_Final(ctx, out, &len);
    hex("HMAC_CTX", out, len);
    HMAC_Init_ex(ctx, NULL, 0, NULL, NULL);
    HMAC_Update(ctx, message, 5);
    HMAC_Update(ctx, message + 5, 5);
    HMAC_Final(ctx, out, &len);
    hex("HMAC_CTX restarted", out, len);
    printf("HMAC_CTX_get_md size %d\n", EVP_MD_size(HMAC_CTX_get_md(ctx)));
    HMAC_CTX_free(ctx);
}

static void cipher(const EVP_CIPHER *c, const char *name, int padding, size_t len)
{
    unsigned char key[32], iv[16], sealed[1100], opened[1100];
    int n = 0, m = 0, ok;
    memcpy(key, message + 100, sizeof key);
    memcpy(iv, message + 200, sizeof iv);
    printf("%s key %d iv %d block %d\n", name, EVP_CIPHER_key_length(c), EVP_CIPHER_iv_length(c),
           EVP_CIPHER_block_size(c));

    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    EVP_EncryptInit_ex(ctx, c, NULL, key, iv);
    EVP_CIPHER_CTX_set_padding(ctx, padding);
    EVP_EncryptUpdate(ctx, sealed, &n, message, (int)len);
    ok = EVP_EncryptFinal_ex(ctx, sealed + n, &m);
    printf("%s padding %d len %zu: encrypt final %d, %d bytes\n", name, padding, len, ok, n + m);
    ERR_clear_error();
    if (!ok) {
        EVP_CIPHER_CTX_free(ctx);
        return;
    }
    hex("ciphertext", sealed, (size_t)(n + m));
    int total = n + m;

    EVP_CIPHER_CTX_reset(ctx);
    EVP_DecryptInit_ex(ctx, c, NULL, key, iv);
    EVP_CIPHER_CTX_set_padding(ctx, padding);
    EVP_DecryptUpdate(ctx, opened, &n, sealed, total);
    ok = EVP_DecryptFinal_ex(ctx, opened + n, &m);
    printf("decrypt final %d, %d bytes, same %d\n", ok, n + m, n + m == (int)len && memcmp(opened, message, len) == 0);

    if (padding && total > 0) {
        sealed[total - 1] ^= 0x55; /* spoils the padding */
        EVP_DecryptInit_ex(ctx, NULL, NULL, key, iv);
        EVP_DecryptUpdate(ctx, opened, &n, sealed, total);
        ok = EVP_DecryptFinal_ex(ctx, opened + n, &m);
        printf("tampered: decrypt final %d\n", ok);
        ERR_clear_error();
    }
    EVP_CIPHER_CTX_free(ctx);
}

int main(void)
{
    for (size_t i = 0; i < sizeof message; i++)
        message[i] = (unsigned char)(i * 7 + (i >> 3));
    digests();
    low_level();
    hmacs();
    cipher(EVP_aes_128_cbc(), "AES-128-CBC", 1, 0);
    cipher(EVP_aes_128_cbc(), "AES-128-CBC", 1, 33);
    cipher(EVP_aes_256_cbc(), "AES-256-CBC", 1, 1000);
    cipher(EVP_get_cipherbyname("aes-256-cbc"), "aes-256-cbc", 0, 64);
    cipher(EVP_aes_256_cbc(), "AES-256-CBC", 0, 65);

    unsigned char r1[16], r2[16];
    int first = RAND_bytes(r1, 16);
    int second = RAND_bytes(r2, 16);
    printf("RAND_bytes %d %d, differ %d\n", first, second, memcmp(r1, r2, 16) != 0);
    printf("RAND_status %d\n", RAND_status());
    return 0;
}
