# netsift: one plain Makefile for the program, its library, its tests and benchmarks.
#
# Two build variants share these rules: build/ (the program users run) and build/asan/
# (the same sources under AddressSanitizer and UndefinedBehaviorSanitizer, which `make check`
# also tests). Generated lexer and parser live in $(BUILD)/gen, never in the source tree.

BUILD    ?= build
SANITIZE ?= 0

CC       := gcc
CSTD     := -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE
WARN     := -Wall -Wextra -Werror -Wshadow -Wundef -Wwrite-strings -Wmissing-declarations
OPTFLAGS ?= -O2 -g
ifeq ($(SANITIZE),1)
OPTFLAGS := -O1 -g -fno-omit-frame-pointer
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all
endif
CPPFLAGS := -I. -I$(BUILD)/gen -MMD -MP
CFLAGS   := $(CSTD) $(WARN) $(OPTFLAGS) $(SANFLAGS)
LDFLAGS  := $(SANFLAGS)
LDLIBS   := -lpcap

# Debian packages the build and the tests need (tcpdump and libpcap are test oracles).
DEB_PKGS := gcc make re2c bison libpcap-dev libcmocka-dev tcpdump iproute2 python3 valgrind

LIB_SRCS := $(wildcard compiler/*.c vm/*.c) $(filter-out capture/main.c,$(wildcard capture/*.c))
GEN_SRCS := $(BUILD)/gen/lexer.c $(BUILD)/gen/parser.c
LIB_OBJS := $(patsubst %.c,$(BUILD)/obj/%.o,$(LIB_SRCS)) \
            $(patsubst $(BUILD)/gen/%.c,$(BUILD)/obj/gen/%.o,$(GEN_SRCS))
LIB      := $(BUILD)/libnetsift.a
PROG     := $(BUILD)/netsift

UNIT_SRCS := $(wildcard tests/unit/*/test_*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(UNIT_SRCS))
TOOL_SRCS := $(wildcard tests/tools/*.c)
TOOL_BINS := $(patsubst tests/tools/%.c,$(BUILD)/tests/tools/%,$(TOOL_SRCS))
BENCH_SRCS := $(wildcard tests/bench/*.c)
# Code shared by test tools, unit tests and benchmarks (packet generators, pcap helpers).
TESTSUP_SRCS := $(wildcard tests/support/*.c)
TESTSUP_OBJS := $(patsubst %.c,$(BUILD)/obj/%.o,$(TESTSUP_SRCS))
TESTSUP      := $(BUILD)/libtestsupport.a
BENCH_BINS := $(patsubst tests/bench/%.c,$(BUILD)/tests/bench/%,$(BENCH_SRCS))
# Fuzz targets (docs/fuzzing.md): built with gcc as replay drivers for tests/fuzz/check-regress.sh.
FUZZ_SRCS := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS := $(patsubst tests/fuzz/%.c,$(BUILD)/tests/fuzz/%,$(FUZZ_SRCS))

.PHONY: all setup run check check-fast tests bench install clean asan fuzz

all: $(PROG)

# Installs only what is missing, so it is cheap to run before every build.
setup:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "setup: run as root to install:$$missing" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

$(BUILD)/gen/lexer.c: grammar/lexer.re $(BUILD)/gen/parser.h
	@mkdir -p $(dir $@)
	re2c -W --no-generation-date -o $@ $<

$(BUILD)/gen/parser.c $(BUILD)/gen/parser.h &: grammar/parser.y
	@mkdir -p $(dir $@)
	bison -Wall -Werror -o $(BUILD)/gen/parser.c --header=$(BUILD)/gen/parser.h $<

$(BUILD)/obj/%.o: %.c | $(BUILD)/gen/parser.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# Generated code is ours to warn about too, except for the unused-label noise re2c emits.
$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-unused-label -c -o $@ $<

$(LIB): $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^


$(PROG): $(BUILD)/obj/capture/main.o $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

ifeq ($(TESTSUP_SRCS),)
TESTSUP :=
else
$(TESTSUP): $(TESTSUP_OBJS)
	@rm -f $@
	ar rcs $@ $^
endif

$(BUILD)/tests/unit/%: tests/unit/%.c $(LIB) $(TESTSUP)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-missing-declarations -o $@ $< $(TESTSUP) $(LIB) $(LDFLAGS) $(LDLIBS) -lcmocka

$(BUILD)/tests/tools/%: tests/tools/%.c $(LIB) $(TESTSUP)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(TESTSUP) $(LIB) $(LDFLAGS) $(LDLIBS)

$(BUILD)/tests/bench/%: tests/bench/%.c $(LIB) $(TESTSUP)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(TESTSUP) $(LIB) $(LDFLAGS) $(LDLIBS)

$(BUILD)/tests/fuzz/%: tests/fuzz/%.c $(wildcard tests/fuzz/*.h) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LIB) $(LDFLAGS) $(LDLIBS)

tests: $(PROG) $(UNIT_BINS) $(TOOL_BINS) $(FUZZ_BINS)

# The main job on the sample capture shipped in the repo: a filter compiled and listed,
# then the capture read, filtered and printed.
run: setup
	@$(MAKE) --no-print-directory all
	$(PROG) -y EN10MB -d 'tcp port 80 and (tcp[tcpflags] & (tcp-syn|tcp-fin) != 0)'
	$(PROG) -n -r tests/data/sample.pcap 'tcp port 80'

# Every test, in the normal build and in the sanitizer build.
check: setup
	@$(MAKE) --no-print-directory tests
	@$(MAKE) --no-print-directory BUILD=build/asan SANITIZE=1 tests
	@tests/run.sh build build/asan

# The normal build only: for quick iterations.
check-fast: setup
	@$(MAKE) --no-print-directory tests
	@tests/run.sh build

asan:
	@$(MAKE) --no-print-directory BUILD=build/asan SANITIZE=1 tests

bench: setup
	@$(MAKE) --no-print-directory all $(BENCH_BINS) $(TOOL_BINS)
	@tests/bench/run.sh build

# libFuzzer runs (not part of check): the library and targets rebuilt with clang under
# -fsanitize=fuzzer,address,undefined in build/fuzz, then each target run for FUZZ_SECONDS on
# seeds made from tests/data (tests/fuzz/run.sh); FUZZ_TARGETS='vm asm' runs only those.
# Needs clang and libclang-rt-dev.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
FUZZ_SAN := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
fuzz:
	@command -v clang >/dev/null || { echo "make fuzz: clang is not installed" >&2; exit 1; }
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang SANFLAGS='$(FUZZ_SAN)' \
	  WARN='$(WARN) -Wno-unknown-attributes' \
	  OPTFLAGS='-O1 -g -fno-omit-frame-pointer' build/fuzz/libnetsift.a
	@mkdir -p build/fuzz/bin
	@for s in $(FUZZ_SRCS); do t=$$(basename $$s .c); \
	  clang -I. -Ibuild/fuzz/gen $(CSTD) $(WARN) -O1 -g -fno-omit-frame-pointer $(FUZZ_SAN) \
	    -fsanitize=fuzzer -DNS_FUZZ_LIBFUZZER -o build/fuzz/bin/$$t $$s build/fuzz/libnetsift.a $(LDLIBS) \
	    || exit 1; done
	tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

PREFIX ?= /usr/local
install: $(PROG)
	install -D -m 755 $(PROG) $(DESTDIR)$(PREFIX)/bin/netsift
	install -D -m 644 docs/netsift.1 $(DESTDIR)$(PREFIX)/share/man/man1/netsift.1

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
