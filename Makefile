# Lanyard. `make` builds bin/; `make test` installs what it needs, builds everything under
# AddressSanitizer + UndefinedBehaviorSanitizer and runs every test; see README.md.
.DEFAULT_GOAL := all
SHELL := /bin/bash

PKGS       := libsodium sqlite3 cairo pangocairo libqrencode zbar libv4l2
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -lpthread

CC       ?= cc
WARN     := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wvla -Wstrict-prototypes \
            -Wmissing-prototypes -Wno-missing-field-initializers
STD      := -std=c11 -D_DEFAULT_SOURCE
INCS     := -Ifirmware -Isync -Iui -Itests
CFLAGS   ?= -O2 -g
SAN      := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
ALL_CFLAGS = $(STD) $(WARN) $(INCS) $(PKG_CFLAGS) -MMD -MP

# Every .c in firmware/ and sync/ is a library module, except program entry points (*_main.c).
LIB_SRCS  := $(sort $(filter-out %_main.c,$(wildcard firmware/*.c sync/*.c)))
# Programs and their entry points; a program is built once its entry point exists.
MAIN_lanyard       := sync/lanyard_main.c
MAIN_lanyard-kiosk := firmware/kiosk_main.c
MAIN_lanyard-hub   := sync/hub_main.c
PROGS     := $(foreach p,lanyard lanyard-kiosk lanyard-hub,$(if $(wildcard $(MAIN_$(p))),$(p)))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
BENCH_SRCS:= $(sort $(wildcard tests/bench/bench_*.c))
TOOL_SRCS := $(sort $(wildcard tests/tools/*.c))

OBJ      := build/obj
AOBJ     := build/asan/obj
FOBJ     := build/fuzz/obj
LIB      := build/liblanyard.a
ALIB     := build/asan/liblanyard.a
FLIB     := build/fuzz/liblanyard.a

BINS       := $(PROGS:%=bin/%)
ASAN_BINS  := $(PROGS:%=build/asan/bin/%)
UNIT_BINS  := $(UNIT_SRCS:tests/unit/%.c=build/asan/tests/%)
FUZZ_BINS  := $(FUZZ_SRCS:tests/fuzz/%.c=build/fuzz/%)
BENCH_BINS := $(BENCH_SRCS:tests/bench/%.c=build/bench/%)
TOOL_BINS  := $(TOOL_SRCS:tests/tools/%.c=build/tools/%)

.PHONY: all programs test test-build bench fuzz demo format deps clean
all:
	@board/deps.sh build
	@$(MAKE) --no-print-directory programs

programs: $(BINS)

# --- normal build -------------------------------------------------------------------------------
$(OBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(LIB_SRCS:%.c=$(OBJ)/%.o)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

# --- sanitizer build (tests) --------------------------------------------------------------------
$(AOBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(SAN) $(ALL_CFLAGS) -c $< -o $@

$(ALIB): $(LIB_SRCS:%.c=$(AOBJ)/%.o)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

build/asan/tests/%: $(AOBJ)/tests/unit/%.o $(ALIB)
	@mkdir -p $(dir $@)
	$(CC) $(SAN) -o $@ $^ $(PKG_LIBS)

# --- programs, normal and sanitizer builds ------------------------------------------------------
define PROG_RULES
bin/$(1): $(OBJ)/$(MAIN_$(1):.c=.o) $(LIB)
	@mkdir -p bin
	$$(CC) $$(CFLAGS) -o $$@ $$^ $$(PKG_LIBS)
build/asan/bin/$(1): $(AOBJ)/$(MAIN_$(1):.c=.o) $(ALIB)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(SAN) -o $$@ $$^ $$(PKG_LIBS)
endef
$(foreach p,$(PROGS),$(eval $(call PROG_RULES,$(p))))

# --- fuzz harnesses (clang + libFuzzer) ---------------------------------------------------------
FUZZ_CFLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
$(FOBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) $(filter-out -Wmissing-prototypes,$(ALL_CFLAGS)) -c $< -o $@

$(FLIB): $(LIB_SRCS:%.c=$(FOBJ)/%.o)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

build/fuzz/%: $(FOBJ)/tests/fuzz/%.o $(FLIB)
	clang -fsanitize=fuzzer,address,undefined -o $@ $^ $(PKG_LIBS)

# --- benchmarks and test tools ------------------------------------------------------------------
build/bench/%: $(OBJ)/tests/bench/%.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

build/tools/%: $(OBJ)/tests/tools/%.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

# --- entry points -------------------------------------------------------------------------------
test-build: $(BINS) $(ASAN_BINS) $(UNIT_BINS) $(FUZZ_BINS) $(TOOL_BINS) $(BENCH_BINS)

test:
	@board/deps.sh test
	@$(MAKE) --no-print-directory -j$$(nproc) test-build
	@tests/run.sh

bench:
	@board/deps.sh test
	@$(MAKE) --no-print-directory -j$$(nproc) $(BINS) $(BENCH_BINS) $(TOOL_BINS)
	@tests/bench/run.sh

fuzz:
	@board/deps.sh test
	@$(MAKE) --no-print-directory -j$$(nproc) $(FUZZ_BINS)
	@LY_FUZZ_SECONDS=$${LY_FUZZ_SECONDS:-60} tests/fuzz/run.sh

demo:
	@board/deps.sh demo
	@$(MAKE) --no-print-directory -j$$(nproc) programs
	@board/demo.sh

format:
	clang-format -i $$(git ls-files '*.c' '*.h'; git ls-files --others --exclude-standard '*.c' '*.h')

deps:
	board/deps.sh test

clean:
	rm -rf build bin out

-include $(shell find build -name '*.d' 2>/dev/null)
