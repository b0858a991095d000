# libtls12: build, test, demo, install.
#
#   make                  the library: target/release/libtls12.so (soname libtls12.so.0)
#                         and libtls12.a; the headers are in include/tls12
#   make header           regenerate include/tls12 (scripts/gen-header.sh)
#   make test             everything: Rust tests, C tests against OpenSSL and libtls12
#                         with output comparison, valgrind, C++ header check, exports
#   make demo             build and run the demo server and client
#   make openssl-prefix   target/openssl-prefix: libtls12 laid out as an OpenSSL installation
#                         (libssl/libcrypto names, include/openssl, pkg-config), for build
#                         systems that look for OpenSSL (scripts/openssl-prefix.sh)
#   make install PREFIX=/usr/local   library, headers and libtls12.pc; the OpenSSL-shaped
#                         prefix in PREFIX/lib/libtls12-openssl
#   make fuzz             run each fuzz target for FUZZ_SECONDS (scripts/fuzz.sh; not
#                         part of make test)
#   make bench            libtls12 against OpenSSL and rustls: handshakes/s, bulk MB/s, memory
#                         (bench/run.sh; not part of make test)
#   make tool             build/tls12/tls12: s_client and s_server on libtls12
#   make fleet            two servers sharing sessions through Redis and a ticket key file
#   make python           the Python binding's tests (bindings/python, against Python's ssl)
#   make hostile          tlslite-ng as a hostile client, libtls12 vs OpenSSL (tests/hostile)
#   make clean
#
# Missing Debian packages that the tests need are installed when running as root.

SHELL := /bin/bash
.DEFAULT_GOAL := all

CARGO ?= cargo
CC := gcc
CXX := g++
PREFIX ?= /usr/local
FUZZ_SECONDS ?= 60

LIBDIR := target/release
LIB := $(LIBDIR)/libtls12.so
SONAME := libtls12.so.0
CERTS := target/test-certs
BUILD := build
OPENSSL_BIN := $(BUILD)/openssl
TLS12_BIN := $(BUILD)/tls12
OPENSSL_PREFIX := target/openssl-prefix

# Debian packages the tests and the demo need beyond Rust, gcc, python3 and openssl.
PACKAGES := libssl-dev pkg-config valgrind g++ openssl redis-server python3-venv dpkg-dev cmake

# The C tests: each ctests/*.c says in its opening comment which kind it is (ctests/list.sh).
CTESTS := $(shell ctests/list.sh compared)
TLS12_ONLY_CTESTS := $(shell ctests/list.sh tls12-only)
DEMOS := demo_server demo_client

# -std=gnu11: the tests use POSIX and GNU extensions (pthreads, flockfile, __thread).
CFLAGS := -std=gnu11 -Wall -Wextra -Werror -O1 -g
OPENSSL_LIBS := -lssl -lcrypto -lpthread
TLS12_CFLAGS := -I include/tls12
TLS12_LIBS := -L$(LIBDIR) -ltls12 -Wl,-rpath,$(abspath $(LIBDIR)) -lpthread
HEADERS := $(wildcard include/tls12/*.h include/tls12/openssl/*.h)
CTEST_COMMON := ctests/common.c ctests/common.h

OPENSSL_PROGRAMS := $(addprefix $(OPENSSL_BIN)/,$(CTESTS) $(DEMOS))
TLS12_PROGRAMS := $(addprefix $(TLS12_BIN)/,$(CTESTS) $(TLS12_ONLY_CTESTS) $(DEMOS))

.PHONY: all lib openssl-prefix header deps certs ctests-openssl ctests-tls12 test demo install fuzz bench tool cpp-wrapper fleet python hostile clean FORCE

all: lib openssl-prefix

# ---------------------------------------------------------------- library

lib: $(LIBDIR)/$(SONAME)

# Cargo decides whether anything needs rebuilding.
$(LIB): FORCE
	$(CARGO) build --release

# Programs linked against libtls12.so record its soname; the link makes them run from
# target/release as they are.
$(LIBDIR)/$(SONAME): $(LIB)
	ln -sf libtls12.so $@

# Build systems that look for OpenSSL find libtls12 there (scripts/openssl-prefix.sh).
openssl-prefix: lib
	scripts/openssl-prefix.sh $(LIB) $(OPENSSL_PREFIX)

header:
	scripts/gen-header.sh

# --------------------------------------------------------- prerequisites

deps:
	@missing=; \
	for p in $(PACKAGES); do dpkg -s $$p > /dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" -ne 0 ]; then \
			echo "missing packages:$$missing (run make as root to install them)" >&2; exit 1; \
		fi; \
		echo "installing$$missing"; \
		apt-get update && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	fi

certs: deps
	tests/gen-certs.sh $(CERTS)

# ------------------------------------------------------- C test programs

$(OPENSSL_BIN) $(TLS12_BIN):
	mkdir -p $@

$(addprefix $(OPENSSL_BIN)/,$(CTESTS)): $(OPENSSL_BIN)/%: ctests/%.c $(CTEST_COMMON) | $(OPENSSL_BIN)
	$(CC) $(CFLAGS) -o $@ $< ctests/common.c $(OPENSSL_LIBS)

$(addprefix $(TLS12_BIN)/,$(CTESTS) $(TLS12_ONLY_CTESTS)): $(TLS12_BIN)/%: ctests/%.c $(CTEST_COMMON) $(LIBDIR)/$(SONAME) $(HEADERS) | $(TLS12_BIN)
	$(CC) $(CFLAGS) $(TLS12_CFLAGS) -o $@ $< ctests/common.c $(TLS12_LIBS)

$(addprefix $(OPENSSL_BIN)/,$(DEMOS)): $(OPENSSL_BIN)/%: examples/%.c | $(OPENSSL_BIN)
	$(CC) $(CFLAGS) -o $@ $< $(OPENSSL_LIBS)

$(addprefix $(TLS12_BIN)/,$(DEMOS)): $(TLS12_BIN)/%: examples/%.c $(LIBDIR)/$(SONAME) $(HEADERS) | $(TLS12_BIN)
	$(CC) $(CFLAGS) $(TLS12_CFLAGS) -o $@ $< $(TLS12_LIBS)

ctests-openssl: deps $(OPENSSL_PROGRAMS)
ctests-tls12: $(TLS12_PROGRAMS) $(TLS12_BIN)/cpp_wrapper

# ------------------------------------------- tls12 tool, C++ wrapper, fleet server

TOOL_SOURCES := $(wildcard tools/*.c tools/*.h)
TOOL_CFLAGS := -std=c11 -Wall -Wextra -Werror -O1 -g
CXX_WRAPPER_FLAGS := -std=c++17 -Wall -Wextra -Werror -pedantic -O1 -g -I bindings/cpp
FLEET_SERVER := $(TLS12_BIN)/fleet_server

tool: $(TLS12_BIN)/tls12
cpp-wrapper: $(TLS12_BIN)/cpp_wrapper $(OPENSSL_BIN)/cpp_wrapper

$(TLS12_BIN)/tls12: $(TOOL_SOURCES) $(LIBDIR)/$(SONAME) $(HEADERS) | $(TLS12_BIN)
	$(CC) $(TOOL_CFLAGS) $(TLS12_CFLAGS) -o $@ $(filter %.c,$^) $(TLS12_LIBS)

$(TLS12_BIN)/cpp_wrapper: ctests/cpp_wrapper.cpp bindings/cpp/tls12.hpp $(LIBDIR)/$(SONAME) $(HEADERS) | $(TLS12_BIN)
	$(CXX) $(CXX_WRAPPER_FLAGS) $(TLS12_CFLAGS) -o $@ $< $(TLS12_LIBS)

# The same test against OpenSSL: the wrapper uses only OpenSSL's API.
$(OPENSSL_BIN)/cpp_wrapper: ctests/cpp_wrapper.cpp bindings/cpp/tls12.hpp | $(OPENSSL_BIN)
	$(CXX) $(CXX_WRAPPER_FLAGS) -o $@ $< $(OPENSSL_LIBS)

$(FLEET_SERVER): ctests/fleet_server.c $(LIBDIR)/$(SONAME) $(HEADERS) | $(TLS12_BIN)
	$(CC) $(CFLAGS) $(TLS12_CFLAGS) -o $@ $< $(TLS12_LIBS)

fleet: deps certs lib $(FLEET_SERVER)
	ctests/fleet.sh -c $(CERTS) -s $(FLEET_SERVER)

bench: deps
	bench/run.sh

# The Python binding (bindings/python) against Python's own ssl module; makes .venv.
python: deps certs lib
	bindings/python/run-tests.sh

# tlslite-ng as a hostile client against tls12 s_server and openssl s_server; makes .venv.
hostile: deps certs tool
	tests/hostile/run.sh

# ------------------------------------------------------------------ test

# Every part runs even when an earlier one failed; the last line counts the parts.
test: deps certs lib openssl-prefix ctests-openssl
	@passed=0; failed=0; failures=; \
	part() { \
		echo; echo "=== $$1"; \
		if eval "$$2"; then passed=$$((passed + 1)); \
		else failed=$$((failed + 1)); failures="$$failures [$$1]"; fi; \
	}; \
	part "cargo test --release" '$(CARGO) test --release --no-fail-fast'; \
	part "C tests built against libtls12" '$(MAKE) --no-print-directory -k ctests-tls12'; \
	part "C tests: OpenSSL vs libtls12, valgrind" \
		'ctests/run.sh -c $(CERTS) -o $(OPENSSL_BIN) -t $(TLS12_BIN) -v'; \
	part "C++ compiles every header (ctests/all_headers.cpp)" \
		'mkdir -p $(BUILD) && $(CXX) -std=c++17 -Wall -Wextra -Werror $(TLS12_CFLAGS) \
			-c ctests/all_headers.cpp -o $(BUILD)/all_headers.o'; \
	part "exported symbols (scripts/check-exports.sh)" 'scripts/check-exports.sh'; \
	part "build systems find libtls12 as OpenSSL (tests/programs/compat-prefix.sh)" \
		'tests/programs/compat-prefix.sh $(OPENSSL_PREFIX) $(CERTS)'; \
	part "tls12 tool vs openssl (tools/test.sh)" \
		'$(MAKE) --no-print-directory tool && tools/test.sh $(TLS12_BIN)/tls12 $(CERTS)'; \
	part "C++ wrapper built against OpenSSL (ctests/cpp_wrapper.cpp; libtls12's runs in ctests/run.sh)" \
		'$(MAKE) --no-print-directory cpp-wrapper && $(OPENSSL_BIN)/cpp_wrapper $(CERTS)'; \
	part "Python binding vs Python's ssl (bindings/python)" 'bindings/python/run-tests.sh'; \
	part "fleet: sessions shared through Redis and a ticket key file (ctests/fleet.sh)" \
		'$(MAKE) --no-print-directory $(FLEET_SERVER) && ctests/fleet.sh -c $(CERTS) -s $(FLEET_SERVER)'; \
	part "hostile peers: tlslite-ng (tests/hostile)" \
		'$(MAKE) --no-print-directory tool && tests/hostile/run.sh'; \
	part "OpenSSL's demos built against OpenSSL and libtls12 (tests/programs/openssl-demos.sh)" \
		'tests/programs/openssl-demos.sh $(CERTS)'; \
	echo; \
	if [ $$failed -gt 0 ]; then echo "failed parts:$$failures"; fi; \
	echo "make test: $$passed passed, $$failed failed"; \
	[ $$failed -eq 0 ]

# ------------------------------------------------------------------ demo

demo: deps certs lib $(TLS12_BIN)/demo_server $(TLS12_BIN)/demo_client $(TLS12_BIN)/tls12
	examples/run-demo.sh $(TLS12_BIN) $(CERTS)

# --------------------------------------------------------------- install

install: lib
	install -d $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/lib/pkgconfig \
		$(DESTDIR)$(PREFIX)/include/tls12/openssl
	install -m 0755 $(LIB) $(DESTDIR)$(PREFIX)/lib/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(PREFIX)/lib/libtls12.so
	install -m 0644 $(LIBDIR)/libtls12.a $(DESTDIR)$(PREFIX)/lib/libtls12.a
	install -m 0644 include/tls12/*.h $(DESTDIR)$(PREFIX)/include/tls12/
	install -m 0644 include/tls12/openssl/*.h $(DESTDIR)$(PREFIX)/include/tls12/openssl/
	version=$$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1); \
	printf '%s\n' \
		'prefix=$(PREFIX)' \
		'libdir=$${prefix}/lib' \
		'includedir=$${prefix}/include' \
		'' \
		'Name: libtls12' \
		'Description: TLS 1.2 in Rust with an OpenSSL-style C API' \
		"Version: $$version" \
		'Libs: -L$${libdir} -ltls12' \
		'Libs.private: -lpthread -ldl -lm' \
		'Cflags: -I$${includedir}/tls12' \
		> $(DESTDIR)$(PREFIX)/lib/pkgconfig/libtls12.pc
	scripts/openssl-prefix.sh $(LIB) $(DESTDIR)$(PREFIX)/lib/libtls12-openssl \
		$(PREFIX)/lib/libtls12-openssl ../../$(SONAME)

# ------------------------------------------------------------------ fuzz

fuzz:
	scripts/fuzz.sh $(FUZZ_SECONDS)

# ----------------------------------------------------------------- clean

clean:
	rm -rf $(BUILD) $(CERTS)
	$(CARGO) clean
