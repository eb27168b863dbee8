# Lanyard. `make` builds bin/; `make test` installs what it needs, builds everything under
# AddressSanitizer + UndefinedBehaviorSanitizer and runs every test; see README.md.
.DEFAULT_GOAL := all
SHELL := /bin/bash

# PKG_CONFIG: `make cross-arm64` points it at an arm64 sysroot (board/cross-arm64.sh).
PKG_CONFIG ?= pkg-config
PKGS       := libsodium sqlite3 cairo pangocairo libqrencode zbar libv4l2 libcurl libmicrohttpd \
              libpq libsystemd
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
# zxing-cpp, the scanner's second decoder (firmware/scan/zxread.cpp): its headers are included as
# system headers, which keeps their warnings out of -Werror.
ZXING_CFLAGS := $(patsubst -I%,-isystem %,$(shell $(PKG_CONFIG) --cflags zxing 2>/dev/null))
PKG_LIBS   := -Wl,--as-needed $(shell $(PKG_CONFIG) --libs $(PKGS) zxing 2>/dev/null) -lstdc++ -lm \
              -lpthread
# libcups (the printer's IPP path): Debian's libcups2-dev has no .pc file, only cups-config.
PKG_CFLAGS += $(shell cups-config --cflags 2>/dev/null)
PKG_LIBS   += $(shell cups-config --libs 2>/dev/null)
# The screen (ui/): only lanyard-kiosk and the ui tests link SDL.
UI_PKGS    := sdl2 SDL2_ttf fribidi fontconfig harfbuzz
UI_CFLAGS  := $(shell $(PKG_CONFIG) --cflags $(UI_PKGS) 2>/dev/null)
UI_LIBS    := $(shell $(PKG_CONFIG) --libs $(UI_PKGS) 2>/dev/null)

# JPEG files for the file: and dir: frame sources (Debian libjpeg62-turbo-dev).
ifneq ($(shell $(PKG_CONFIG) --exists libjpeg 2>/dev/null && echo yes),)
STD_JPEG := -DLY_HAVE_JPEG
PKG_LIBS += $(shell $(PKG_CONFIG) --libs libjpeg)
endif

# `make V=1` prints whole commands; otherwise one short line per step.
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-6s %s\n' $(1) $(2)
endif

CC       ?= cc
WARN     := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wvla -Wstrict-prototypes \
            -Wmissing-prototypes -Wno-missing-field-initializers
STD      := -std=c11 -D_DEFAULT_SOURCE $(STD_JPEG)
INCS     := -Ifirmware -Isync -Iui -Itests
CFLAGS   ?= -O2 -g
SAN      := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
ALL_CFLAGS = $(STD) $(WARN) $(INCS) $(PKG_CFLAGS) $(UI_CFLAGS) -MMD -MP
# The firmware's one C++ file (firmware/scan/zxread.cpp, zxing-cpp's C interface).
ALL_CXXFLAGS = -std=c++17 -Wall -Wextra -Werror -Wshadow $(INCS) $(ZXING_CFLAGS) -MMD -MP

# Every .c in a folder of firmware/ and sync/ is a library module, except program entry points
# (*_main.c). Sources include headers by folder ("gate/gate.h"), from these roots.
LIB_SRCS  := $(sort $(filter-out %_main.c,$(wildcard firmware/*/*.c sync/*/*.c sync/*/*/*.c)))
LIB_CXX   := $(sort $(wildcard firmware/*/*.cpp))
# The dashboard's web files, compiled into the library as a generated table of bytes
# (sync/hub/dashboard.h), so that lanyard-hub serves them without reading the file system.
DASH_DIR   := sync/hub/dashboard
DASH_FILES := $(sort $(wildcard $(DASH_DIR)/*.html $(DASH_DIR)/*.css $(DASH_DIR)/*.js \
                                $(DASH_DIR)/*.svg))
GEN_SRCS  := build/gen/dashboard_files.c
# Every .c in a folder of ui/ is a module of the screen library (SDL2, SDL2_ttf, FriBidi).
UI_SRCS   := $(sort $(wildcard ui/*/*.c))
# Programs and their entry points; a program is built once its entry point exists.
MAIN_lanyard       := sync/cli/lanyard_main.c
MAIN_lanyard-kiosk := firmware/kiosk/kiosk_main.c
MAIN_lanyard-hub   := sync/hub/hub_main.c
PROGS     := $(foreach p,lanyard lanyard-kiosk lanyard-hub,$(if $(wildcard $(MAIN_$(p))),$(p)))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
BENCH_SRCS:= $(sort $(wildcard tests/bench/bench_*.c))
TOOL_SRCS := $(sort $(wildcard tests/tools/*.c))
# The venue corpus (docs/scanning.md): a library of the tests, linked by venuegen, bench_scan
# and test_scan_corpus.
VENUE_SRCS:= $(sort $(wildcard tests/tools/venue/*.c))

OBJ      := build/obj
AOBJ     := build/asan/obj
LIB      := build/liblanyard.a
ALIB     := build/asan/liblanyard.a
UILIB    := build/libui.a
AUILIB   := build/asan/libui.a

BINS       := $(PROGS:%=bin/%)
# The screen's languages besides English, and their compiled catalogues.
LANGS      := fr es ru zh ar
MO_FILES   := $(LANGS:%=build/locale/%/LC_MESSAGES/lanyard.mo)
ASAN_BINS  := $(PROGS:%=build/asan/bin/%)
UNIT_BINS  := $(UNIT_SRCS:tests/unit/%.c=build/asan/tests/%)
FUZZ_BINS  := $(FUZZ_SRCS:tests/fuzz/%.c=build/fuzz/%)
FUZZ_COV_BINS := $(FUZZ_SRCS:tests/fuzz/%.c=build/fuzz-cov/%)
BENCH_BINS := $(BENCH_SRCS:tests/bench/%.c=build/bench/%)
VENUE_LIB  := build/libvenue.a
TOOL_BINS  := $(TOOL_SRCS:tests/tools/%.c=build/tools/%)

# Keep intermediate objects (tests and harnesses) so a second build does nothing.
.SECONDARY:

.PHONY: all programs test test-build bench soak fuzz fuzz-build fuzz-merge demo format deps clean pot scan-expected man deb \
        cross-arm64 check-board
all:
	@board/deps.sh build
	@$(MAKE) --no-print-directory programs

programs: $(BINS) $(MO_FILES)

# --- message catalogues (ui/i18n/po, docs/kiosk.md "Languages") --------------------------------
# Each language's catalogue, checked by msgfmt (format, header, domain), where the kiosk reads it
# (LANGS and MO_FILES are set at the top: `programs` needs them).
build/locale/%/LC_MESSAGES/lanyard.mo: ui/i18n/po/%.po
	@mkdir -p $(dir $@)
	$(call say,MSGFMT,$@)
	$(Q)msgfmt --check -o $@ $<

# `make pot`: the template of every string the screens translate (T(lang, "...") and N_("...")
# in ui/*/*.c), merged into each language's .po (new strings come in untranslated).
pot:
	$(call say,XGETTEXT,ui/i18n/po/lanyard.pot)
	$(Q)xgettext --from-code=UTF-8 --language=C --keyword= --keyword=T:2 --keyword=N_ --keyword=ly_tr:2 --keyword=ly_scr_trf:4 \
	    --add-comments=TRANSLATORS: --package-name=lanyard --msgid-bugs-address= \
	    -o ui/i18n/po/lanyard.pot $(UI_SRCS)
	$(Q)for l in $(LANGS); do msgmerge --quiet --update --backup=none ui/i18n/po/$$l.po ui/i18n/po/lanyard.pot; done

# --- normal build -------------------------------------------------------------------------------
build/gen/dashboard_files.c: $(DASH_DIR)/embed.sh $(DASH_FILES)
	@mkdir -p $(dir $@)
	$(call say,GEN,$@)
	$(Q)$(DASH_DIR)/embed.sh $@ $(DASH_FILES)

$(OBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(CFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(OBJ)/%.o: %.cpp
	@mkdir -p $(dir $@)
	$(call say,CXX,$@)
	$(Q)$(CXX) $(CFLAGS) $(ALL_CXXFLAGS) -c $< -o $@

$(LIB): $(LIB_SRCS:%.c=$(OBJ)/%.o) $(LIB_CXX:%.cpp=$(OBJ)/%.o) $(GEN_SRCS:%.c=$(OBJ)/%.o)
	@mkdir -p $(dir $@)
	$(call say,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(UILIB): $(UI_SRCS:%.c=$(OBJ)/%.o)
	@mkdir -p $(dir $@)
	$(call say,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

# --- sanitizer build (tests) --------------------------------------------------------------------
$(AOBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(SAN) $(ALL_CFLAGS) -c $< -o $@

$(AOBJ)/%.o: %.cpp
	@mkdir -p $(dir $@)
	$(call say,CXX,$@)
	$(Q)$(CXX) $(SAN) $(ALL_CXXFLAGS) -c $< -o $@

$(ALIB): $(LIB_SRCS:%.c=$(AOBJ)/%.o) $(LIB_CXX:%.cpp=$(AOBJ)/%.o) $(GEN_SRCS:%.c=$(AOBJ)/%.o)
	@mkdir -p $(dir $@)
	$(call say,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(AUILIB): $(UI_SRCS:%.c=$(AOBJ)/%.o)
	@mkdir -p $(dir $@)
	$(call say,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

build/asan/tests/%: $(AOBJ)/tests/unit/%.o $(ALIB)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(SAN) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# Allocation failure in turn (tests/allocfail.h): Lanyard's calls of these functions go to the
# test's countdown, which fails each allocation of an operation in turn.
AF_WRAP := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup \
           -Wl,--wrap=open_memstream
build/asan/tests/test_alloc_%: $(AOBJ)/tests/unit/test_alloc_%.o $(ALIB)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(SAN) $(LDFLAGS) $(AF_WRAP) -o $@ $^ $(PKG_LIBS)
build/asan/tests/test_alloc_ui: $(AOBJ)/tests/unit/test_alloc_ui.o $(AUILIB) $(ALIB)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(SAN) $(LDFLAGS) $(AF_WRAP) -o $@ $^ $(UI_LIBS) $(PKG_LIBS)

# Tests of the screen (test_ui*) link the ui library and SDL too.
build/asan/tests/test_ui%: $(AOBJ)/tests/unit/test_ui%.o $(AUILIB) $(ALIB)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(SAN) $(LDFLAGS) -o $@ $^ $(UI_LIBS) $(PKG_LIBS)

# The screen's flow (ui/flow) has no SDL: its test links the ui library but not SDL, which keeps
# it so.
build/asan/tests/test_ui_flow: $(AOBJ)/tests/unit/test_ui_flow.o $(AUILIB) $(ALIB)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(SAN) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# The catalogue test reads the catalogues `make` builds.
build/asan/tests/test_ui_i18n: | $(MO_FILES)

# --- programs, normal and sanitizer builds ------------------------------------------------------
# lanyard-kiosk is the one program with a screen: it links the ui library and SDL.
UIDEP_lanyard-kiosk  := ui
define PROG_RULES
bin/$(1): $(OBJ)/$(MAIN_$(1):.c=.o) $(if $(UIDEP_$(1)),$(UILIB)) $(LIB)
	@mkdir -p bin
	$$(call say,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS) $$(LDFLAGS) -o $$@ $$^ $(if $(UIDEP_$(1)),$$(UI_LIBS)) $$(PKG_LIBS)
build/asan/bin/$(1): $(AOBJ)/$(MAIN_$(1):.c=.o) $(if $(UIDEP_$(1)),$(AUILIB)) $(ALIB)
	@mkdir -p $$(dir $$@)
	$$(call say,LD,$$@)
	$$(Q)$$(CC) $$(SAN) $$(LDFLAGS) -o $$@ $$^ $(if $(UIDEP_$(1)),$$(UI_LIBS)) $$(PKG_LIBS)
endef
$(foreach p,$(PROGS),$(eval $(call PROG_RULES,$(p))))

# --- fuzz harnesses (clang + libFuzzer) ---------------------------------------------------------
# Two builds of every harness and of the libraries it links: build/fuzz, under ASan + UBSan, which
# the fuzzing runs; and build/fuzz-cov, with clang's coverage counters and no sanitizer, through
# which `make fuzz` replays each corpus once for llvm-cov (tests/fuzz/run.sh).
FUZZ_CFLAGS  := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
FUZZ_LDFLAGS := -fsanitize=fuzzer,address,undefined
COV_CFLAGS   := -O1 -g -fprofile-instr-generate -fcoverage-mapping
COV_LDFLAGS  := -fsanitize=fuzzer $(COV_CFLAGS)

# FUZZ_VARIANT DIR,CFLAGS-VAR,LDFLAGS-VAR: the rules of one build of the harnesses into DIR.
define FUZZ_VARIANT
$(1)/obj/%.o: %.c
	@mkdir -p $$(dir $$@)
	$$(call say,CC,$$@)
	$$(Q)clang $$($(2)) $$(filter-out -Wmissing-prototypes,$$(ALL_CFLAGS)) -c $$< -o $$@

$(1)/obj/%.o: %.cpp
	@mkdir -p $$(dir $$@)
	$$(call say,CXX,$$@)
	$$(Q)clang++ $$($(2)) $$(ALL_CXXFLAGS) -c $$< -o $$@

$(1)/liblanyard.a: $$(LIB_SRCS:%.c=$(1)/obj/%.o) $$(LIB_CXX:%.cpp=$(1)/obj/%.o) \
                   $$(GEN_SRCS:%.c=$(1)/obj/%.o)
	@mkdir -p $$(dir $$@)
	$$(call say,AR,$$@)
	$$(Q)rm -f $$@ && ar rcs $$@ $$^

$(1)/libui.a: $$(UI_SRCS:%.c=$(1)/obj/%.o)
	@mkdir -p $$(dir $$@)
	$$(call say,AR,$$@)
	$$(Q)rm -f $$@ && ar rcs $$@ $$^

$(1)/%: $(1)/obj/tests/fuzz/%.o $(1)/liblanyard.a
	$$(call say,LD,$$@)
	$$(Q)clang $$($(3)) -o $$@ $$^ $$(PKG_LIBS)

$(1)/fuzz_ui%: $(1)/obj/tests/fuzz/fuzz_ui%.o $(1)/libui.a $(1)/liblanyard.a
	$$(call say,LD,$$@)
	$$(Q)clang $$($(3)) -o $$@ $$^ $$(UI_LIBS) $$(PKG_LIBS)
endef
$(eval $(call FUZZ_VARIANT,build/fuzz,FUZZ_CFLAGS,FUZZ_LDFLAGS))
$(eval $(call FUZZ_VARIANT,build/fuzz-cov,COV_CFLAGS,COV_LDFLAGS))

# --- the venue corpus (tests/tools/venue) ------------------------------------------------------
$(VENUE_LIB): $(VENUE_SRCS:%.c=$(OBJ)/%.o)
	@mkdir -p $(dir $@)
	$(call say,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

build/tools/venuegen: $(OBJ)/tests/tools/venuegen.o $(VENUE_LIB) $(LIB)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS) -ljpeg

# The corpus generator is linked without sanitizers (the scanner is what is under test), so that
# the test renders its sample in seconds.
build/asan/tests/test_scan_corpus: $(AOBJ)/tests/unit/test_scan_corpus.o $(VENUE_LIB) $(ALIB)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(SAN) -o $@ $^ $(PKG_LIBS) -ljpeg

build/bench/bench_scan: $(OBJ)/tests/bench/bench_scan.o $(VENUE_LIB) $(LIB)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS) -ljpeg

# `make scan-expected`: re-records tests/data/scan/expected.tsv, the reads test_scan_corpus
# holds the pipeline to, from the pipeline as it is now (docs/scanning.md).
scan-expected:
	@$(MAKE) --no-print-directory build/asan/tests/test_scan_corpus
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	    LY_SCAN_EXPECTED_WRITE=tests/data/scan/expected.tsv build/asan/tests/test_scan_corpus

# --- benchmarks and test tools ------------------------------------------------------------------
build/bench/%: $(OBJ)/tests/bench/%.o $(LIB)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)


build/tools/%: $(OBJ)/tests/tools/%.o $(LIB)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

build/bench/bench_ui%: $(OBJ)/tests/bench/bench_ui%.o $(UILIB) $(LIB)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(UI_LIBS) $(PKG_LIBS)

# --- entry points -------------------------------------------------------------------------------
test-build: $(BINS) $(ASAN_BINS) $(UNIT_BINS) $(FUZZ_BINS) $(TOOL_BINS) $(BENCH_BINS) $(MO_FILES)

test:
	@board/deps.sh test
	@$(MAKE) --no-print-directory -j$$(nproc) test-build
	@tests/run.sh

bench:
	@board/deps.sh test
	@$(MAKE) --no-print-directory -j$$(nproc) $(BINS) $(BENCH_BINS) $(TOOL_BINS)
	@tests/bench/run.sh

# `make soak`: venue scale with faults (tests/soak/soak.sh), not part of `make test`: 100,000
# check-ins and 1,000 kills on one hub over SQLite, then on two hubs over PostgreSQL; then three
# event days of scans without a restart, memory, files, threads and logs sampled (uptime.sh).
soak:
	@board/deps.sh test
	@$(MAKE) --no-print-directory -j$$(nproc) $(BINS)
	@LY_SOAK_BACKEND=sqlite tests/soak/soak.sh
	@LY_SOAK_BACKEND=pg tests/soak/soak.sh
	@tests/soak/uptime.sh

# `make fuzz`: every harness to its number of executions (tests/fuzz/harnesses), two at a time,
# each capped in time (LY_FUZZ_CAP seconds, default 7200), then a table of executions, corpus,
# crashes and llvm-cov coverage. The corpus grows in build/fuzz-corpus/; `make fuzz-merge`
# minimizes it with the tree's into tests/fuzz/corpus/.
fuzz:
	@board/deps.sh test
	@$(MAKE) --no-print-directory -j$$(nproc) fuzz-build
	@tests/fuzz/run.sh

fuzz-build: $(FUZZ_BINS) $(FUZZ_COV_BINS)

fuzz-merge:
	@$(MAKE) --no-print-directory -j$$(nproc) fuzz-build
	@tests/fuzz/run.sh --merge

demo:
	@board/deps.sh demo
	@$(MAKE) --no-print-directory -j$$(nproc) programs
	@board/demo.sh

# --- the board: man pages, Debian packages, the arm64 build, checks in debootstrap roots ------
# (board/README.md). The version is the organizer tool's (sync/cli/lanyard_main.c).
VERSION := $(shell sed -n 's/^\#define LY_VERSION "\(.*\)"/\1/p' sync/cli/lanyard_main.c)
MAN_PAGES := $(PROGS:%=build/man/%.1)
man: $(MAN_PAGES)
build/man/%.1: bin/% board/manpage.py
	@mkdir -p $(dir $@)
	$(call say,MAN,$@)
	$(Q)python3 board/manpage.py $< $(VERSION) $$(date -u -d @$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || date +%s)} +%F) >$@.tmp && mv $@.tmp $@

# `make deb` (ARCH=arm64 for the cross-built packages): out/deb/*.deb, checked by lintian.
deb:
	@board/deps.sh deb
	@board/deb/build.sh $(or $(ARCH),amd64)

cross-arm64:
	@board/deps.sh cross
	@board/cross-arm64.sh

# `make check-board` (ARCH=arm64: the arm64 packages in an arm64 root, through qemu-user-static):
# the packages and board/provision.sh in a debootstrap root, a signed RAUC bundle, and bundles
# installed into A/B slots on loop devices (board/rauc/install-test.sh).
check-board:
	@board/deps.sh board
	@$(MAKE) --no-print-directory deb ARCH=amd64
	@if [ "$(ARCH)" = arm64 ]; then $(MAKE) --no-print-directory deb ARCH=arm64; fi
	@board/check-board.sh --arch $(or $(ARCH),amd64)

format:
	$(call say,LD,$@)
	$(Q)clang-format -i $$(git ls-files '*.c' '*.h'; git ls-files --others --exclude-standard '*.c' '*.h')

deps:
	board/deps.sh test

clean:
	rm -rf build bin out

-include $(shell find build -name '*.d' -type f 2>/dev/null)
