# mlp - GNU Make build. `make` builds build/libmlp.a, build/libmlp.so and
# build/mlp; `make test` runs every test (float and double builds);
# `make demo` installs what is missing, builds and trains the default model.

CC       ?= cc
CFLAGS   ?= -O2 -g
WARN     := -std=c11 -Wall -Wextra -Wshadow -Wno-unused-parameter
CPPFLAGS += -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L
PKGS     := libzip zlib libpng
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lzip -lz -lpng)
LDLIBS   += $(PKG_LIBS) -lm -lpthread
# Threads (mlp_set_threads): OpenMP, unless OPENMP=0.
ifneq ($(OPENMP),0)
OMP_FLAGS := -fopenmp
endif
PREFIX   ?= /usr/local
DESTDIR  ?=

# BUILD is the output folder; DOUBLE=1 builds with mlp_real = double.
BUILD    ?= build
ifeq ($(DOUBLE),1)
CPPFLAGS += -DMLP_DOUBLE
endif

LIB_SRC  := $(sort $(wildcard src/*.c src/*/*.c))
CLI_SRC  := $(sort $(wildcard cli/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/*.c))
# Shared by every test program (fixture.h), not a test program itself.
SUPPORT_SRC := $(sort $(wildcard tests/unit/support/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/obj/%.o)
SUPPORT_OBJ := $(SUPPORT_SRC:%.c=$(BUILD)/obj/%.o)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
DEPS     := $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(SUPPORT_OBJ:.o=.d)

.PHONY: all lib test unit demo deps install uninstall clean examples check-asan check-valgrind
all: $(BUILD)/libmlp.a $(BUILD)/libmlp.so $(BUILD)/mlp
lib: $(BUILD)/libmlp.a

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(WARN) $(CFLAGS) $(OMP_FLAGS) -fPIC -MMD -MP -c $< -o $@

$(BUILD)/libmlp.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/libmlp.so: $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,libmlp.so.0 $(LDFLAGS) $(OMP_FLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/mlp: $(CLI_OBJ) $(BUILD)/libmlp.a
	$(CC) $(LDFLAGS) $(OMP_FLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libmlp.a $(LDLIBS)

# One cmocka program per tests/unit/*.c file, each linked with the
# support objects (build/obj/tests/unit/support/fixture.o, and in the
# double build build/double/obj/...).
$(TEST_BIN): $(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(SUPPORT_OBJ) $(BUILD)/libmlp.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $(OMP_FLAGS) -o $@ $< $(SUPPORT_OBJ) $(BUILD)/libmlp.a $(LDLIBS) -lcmocka

unit: $(TEST_BIN) $(BUILD)/mlp

# Every test: unit tests and command-line tests, in float and in double.
test:
	$(MAKE) --no-print-directory unit
	$(MAKE) --no-print-directory unit BUILD=build/double DOUBLE=1
	tests/run build build/double

# The whole suite, float and double, under AddressSanitizer and
# UndefinedBehaviorSanitizer; any report exits 99, which no test expects.
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
check-asan:
	$(MAKE) --no-print-directory unit BUILD=build/asan CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined"
	$(MAKE) --no-print-directory unit BUILD=build/asan-double DOUBLE=1 CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined"
	ASAN_OPTIONS=exitcode=99:detect_leaks=1 UBSAN_OPTIONS=exitcode=99:print_stacktrace=1 tests/run build/asan build/asan-double

# The whole suite under valgrind memcheck (errors or leaks exit 99), less
# the timing-dependent signal tests, which valgrind slows past their timing,
# and less the command-line tests named in VALGRIND_SKIP (CI leaves out the
# seven slowest; see docs/RELIABILITY.md). valgrind runs a program on one
# core, so VALGRIND_JOBS programs run at once.
VALGRIND_JOBS ?= 2
check-valgrind:
	$(MAKE) --no-print-directory unit
	$(MAKE) --no-print-directory unit BUILD=build/double DOUBLE=1
	JOBS=$(VALGRIND_JOBS) OMP_WAIT_POLICY=passive WRAP=$(CURDIR)/tests/valgrind-wrap SKIP_CLI="test_signals.sh $(VALGRIND_SKIP)" tests/run build build/double

deps:
	./scripts/deps

demo: deps
	$(MAKE) --no-print-directory all
	./scripts/demo

# Builds examples/ against the installed library (make install first).
examples:
	$(CC) examples/xor.c -o $(BUILD)/example-xor $$(PKG_CONFIG_PATH=$(DESTDIR)$(PREFIX)/lib/pkgconfig pkg-config --cflags --libs mlp) -Wl,-rpath,$(PREFIX)/lib

install: all
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/bin
	install -m 644 $(BUILD)/libmlp.a $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(BUILD)/libmlp.so $(DESTDIR)$(PREFIX)/lib/libmlp.so.0
	ln -sf libmlp.so.0 $(DESTDIR)$(PREFIX)/lib/libmlp.so
	install -m 644 include/mlp.h $(DESTDIR)$(PREFIX)/include/
	install -m 755 $(BUILD)/mlp $(DESTDIR)$(PREFIX)/bin/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(shell sed -n 's/^#define MLP_VERSION "\(.*\)"/\1/p' include/mlp.h)|' \
	    mlp.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/mlp.pc

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/lib/libmlp.a $(DESTDIR)$(PREFIX)/lib/libmlp.so $(DESTDIR)$(PREFIX)/lib/libmlp.so.0 \
	      $(DESTDIR)$(PREFIX)/include/mlp.h $(DESTDIR)$(PREFIX)/bin/mlp $(DESTDIR)$(PREFIX)/lib/pkgconfig/mlp.pc

clean:
	rm -rf build

-include $(DEPS)

# libFuzzer harnesses for every reader (fuzz/, docs/RELIABILITY.md), each
# run for FUZZ_SECONDS from its seed corpus; fails when any finds something.
FUZZ_SECONDS ?= 30
.PHONY: fuzz
fuzz:
	$(MAKE) -C fuzz run FUZZ_SECONDS=$(FUZZ_SECONDS)

# Every experiment of the product brief (experiments/, docs/EXPERIMENTS.md):
# long on MNIST. EXPERIMENTS_QUICK=1 is a smoke run that leaves docs/ alone.
.PHONY: experiments
experiments: all
	experiments/run-all
