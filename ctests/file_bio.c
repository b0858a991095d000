/*
 * ctest: compared (run against OpenSSL and libtls12; the outputs must match)
 *
 * Stdio stream BIOs: BIO_s_file with BIO_write_filename, BIO_append_filename,
 * BIO_read_filename and BIO_rw_filename (and the error for a file that is not there),
 * BIO_set_fp/BIO_get_fp, BIO_new_file, and BIO_printf formats and BIO_puts/BIO_gets
 * through them; BIO_method_type and BIO_method_name of the library's own BIOs.
 */
#include "common.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Prints every line of the file through a BIO_s_file BIO opened with BIO_read_filename. */
static void print_file(const char *path)
{
    BIO *in = BIO_new(BIO_s_file());
    if (!in || BIO_read_filename(in, path) != 1)
        die("BIO_read_filename of %s failed", path);
    char line[64];
    int n;
    while ((n = BIO_gets(in, line, sizeof line)) > 0)
        printf("  line (%d): %s", n, line);
    printf("  then BIO_gets gives %d, BIO_read gives %d\n", n, BIO_read(in, line, sizeof line));
    BIO_free(in);
}

/* Notes what the filename macro on b returned (opened), writes text through b, frees
 * it and prints the file. */
static void write_and_print(const char *title, BIO *b, int opened, const char *path,
                            const char *text)
{
    printf("== %s: %d\n", title, opened);
    printf("write: %d\n", BIO_write(b, text, (int)strlen(text)));
    BIO_free(b);
    print_file(path);
}

int main(int argc, char **argv)
{
    test_init(argc, argv);
    char path[] = "/tmp/libtls12-file-bio-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        die("mkstemp failed");
    close(fd);

    printf("== BIO_write_filename and BIO_printf\n");
    BIO *out = BIO_new(BIO_s_file());
    printf("type is BIO_TYPE_FILE: %s; name: %s\n",
           BIO_method_type(out) == BIO_TYPE_FILE ? "yes" : "no", BIO_method_name(out));
    printf("BIO_write_filename: %d\n", BIO_write_filename(out, path));
    printf("printf: %d\n", BIO_printf(out, "%d|%5s|%-4x|%05.2f|%lu|%c|%%\n", -42, "ab", 255u,
                                        3.14159, 1234567890ul, 'z'));
    printf("printf of a long line: %d\n", BIO_printf(out, "%0600d\n", 7));
    printf("puts: %d\n", BIO_puts(out, "second line\n"));
    printf("flush: %d\n", BIO_flush(out));
    BIO_free(out);

    out = BIO_new(BIO_s_file());
    write_and_print("BIO_append_filename", out, BIO_append_filename(out, path), path, "appended\n");
    BIO *rw = BIO_new(BIO_s_file());
    write_and_print("BIO_rw_filename (writes over the start)", rw, BIO_rw_filename(rw, path), path,
                    "OVER");

    printf("== a file that is not there\n");
    BIO *missing = BIO_new(BIO_s_file());
    ERR_clear_error();
    printf("BIO_read_filename: %d\n", BIO_read_filename(missing, "/nonexistent/libtls12"));
    unsigned long e = ERR_get_error();
    printf("first error: library SYS %s, reason ENOENT %s\n", ERR_GET_LIB(e) == ERR_LIB_SYS ? "yes" : "no",
           ERR_GET_REASON(e) == ENOENT ? "yes" : "no");
    ERR_clear_error();
    BIO_free(missing);

    printf("== BIO_set_fp and BIO_get_fp\n");
    FILE *fp = fopen(path, "r");
    BIO *wrap = BIO_new(BIO_s_file());
    printf("BIO_set_fp: %ld\n", BIO_set_fp(wrap, fp, BIO_NOCLOSE));
    FILE *got = NULL;
    BIO_get_fp(wrap, &got);
    printf("BIO_get_fp gives the stream: %s; close flag %d\n", got == fp ? "yes" : "no",
           BIO_get_close(wrap));
    char first[5] = "";
    printf("read: %d (%.4s)\n", BIO_read(wrap, first, 4), first);
    BIO_free(wrap);
    printf("the stream is still open: %s\n", fgetc(fp) != EOF ? "yes" : "no");
    fclose(fp);

    printf("== BIO_new_file and other BIOs' types\n");
    BIO *f = BIO_new_file(path, "rb");
    printf("BIO_new_file: %s; type is BIO_TYPE_FILE: %s\n", f ? "yes" : "no",
           BIO_method_type(f) == BIO_TYPE_FILE ? "yes" : "no");
    BIO_free(f);
    BIO *mem = BIO_new(BIO_s_mem());
    printf("memory BIO: type is BIO_TYPE_MEM: %s; name: %s\n",
           BIO_method_type(mem) == BIO_TYPE_MEM ? "yes" : "no", BIO_method_name(mem));
    BIO_free(mem);
    BIO *sock = BIO_new_socket(-1, BIO_NOCLOSE);
    printf("socket BIO: type is BIO_TYPE_SOCKET: %s; name: %s\n",
           BIO_method_type(sock) == BIO_TYPE_SOCKET ? "yes" : "no", BIO_method_name(sock));
    BIO_free(sock);

    unlink(path);
    return test_status();
}
