/*
 * Calls libtls12 through OpenSSL's plain names, declared here as a program that does
 * not include OpenSSL's headers would (tests/programs/compat-prefix.sh builds it against
 * the system's OpenSSL and against libtls12's OpenSSL prefix, and compares the output).
 * HAVE_BIO_PRINTF and HAVE_ERR_ADD_ERROR_DATA select the variadic calls.
 */
#include <stdio.h>

typedef struct opaque opaque;

unsigned long OpenSSL_version_num(void);
const opaque *TLS_client_method(void);
opaque *SSL_CTX_new(const opaque *method);
void SSL_CTX_free(opaque *ctx);
opaque *SSL_new(opaque *ctx);
void SSL_free(opaque *ssl);
unsigned long ERR_get_error(void);
void ERR_clear_error(void);
const opaque *BIO_s_mem(void);
opaque *BIO_new(const opaque *method);
int BIO_read(opaque *bio, void *buf, int len);
int BIO_free(opaque *bio);
#ifdef HAVE_BIO_PRINTF
int BIO_printf(opaque *bio, const char *format, ...);
#endif
#ifdef HAVE_ERR_ADD_ERROR_DATA
void ERR_add_error_data(int num, ...);
unsigned long ERR_get_error_line_data(const char **file, int *line, const char **data, int *flags);
#endif

int main(void)
{
    printf("major version: %lu\n", OpenSSL_version_num() >> 28);
    opaque *ctx = SSL_CTX_new(TLS_client_method());
    printf("SSL_CTX_new: %s\n", ctx != NULL ? "a context" : "NULL");
    opaque *ssl = SSL_new(ctx);
    printf("SSL_new: %s\n", ssl != NULL ? "a connection" : "NULL");
    SSL_free(ssl);
    SSL_CTX_free(ctx);

    ERR_clear_error();
    printf("SSL_CTX_new(NULL): %s\n", SSL_CTX_new(NULL) == NULL ? "NULL" : "a context");
#ifdef HAVE_ERR_ADD_ERROR_DATA
    ERR_add_error_data(3, "one ", "two ", "three");
    const char *data = NULL;
    int flags = 0;
    unsigned long e = ERR_get_error_line_data(NULL, NULL, &data, &flags);
    printf("error library %lu, data \"%s\"\n", (e >> 23) & 0xFF, data != NULL ? data : "");
#else
    printf("error library %lu\n", (ERR_get_error() >> 23) & 0xFF);
#endif

    opaque *bio = BIO_new(BIO_s_mem());
#ifdef HAVE_BIO_PRINTF
    printf("BIO_printf: %d\n", BIO_printf(bio, "%d %s %.2f %c", 42, "forty-two", 4.25, '!'));
#endif
    char buf[64];
    int n = BIO_read(bio, buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = '\0';
    printf("memory BIO holds \"%s\"\n", buf);
    BIO_free(bio);
    return 0;
}
