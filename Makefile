# tacitus - political event data from raw news.
#   make            build bin/tacitus and build/libtacitus.a
#   make test       build and run the whole test suite (SAN=1: under ASan+UBSan)
#   make bench      run the benchmarks in bench/
#   make demo       code the sample news in samples/ (and ../shared/seeds when present)
#   make models     retrain the tagger and parser from ../shared UD English EWT
#   make fuzz       build the libFuzzer harnesses (clang)
# Variables: BUILD=dir (object dir), SAN=1, WERROR=1, CC=...

SAN ?= 0
WERROR ?= 0
ifeq ($(SAN),1)
BUILD ?= build-san
else
BUILD ?= build
endif
ifeq ($(BUILD),build)
BIN := bin
else
BIN := $(BUILD)/bin
endif

CC ?= cc
PKGS := sqlite3 libxml-2.0 jansson libutf8proc zlib libzstd libdeflate
# recursive on purpose: evaluated when a recipe runs, after the deps step
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS)) -lm -lpthread

WARN := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wundef
ifeq ($(WERROR),1)
WARN += -Werror
endif
OPT := -O2 -g
ifeq ($(SAN),1)
OPT := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
endif
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Isrc
CFLAGS += -std=c17 $(WARN) $(OPT) -MMD -MP
LDFLAGS += $(filter -fsanitize%,$(OPT))

VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
CPPFLAGS += -DTC_VERSION='"$(VERSION)"'

LIB_SRC := $(sort $(wildcard src/core/*.c src/io/*.c src/clean/*.c src/nlp/*.c src/dict/*.c \
	src/code/*.c src/pipeline/*.c src/store/*.c src/report/*.c src/serve/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/*.c fuzz/fuzz_*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/defdict.o
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/%.o)
LIB := $(BUILD)/libtacitus.a
EXE := $(BIN)/tacitus
UNIT := $(BUILD)/unit
STAMP := $(BUILD)/.deps-ok

.PHONY: all deps test bench demo models fuzz clean check-format
all: $(EXE) $(LIB)

deps: $(STAMP)
$(STAMP): mk/deps.sh
	@sh mk/deps.sh $@

$(BUILD)/%.o: %.c | $(STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c $< -o $@

# embedded default dictionaries (data/dict + Debian iso-codes), generated at build time
ISO3166 ?= /usr/share/iso-codes/json/iso_3166-1.json
$(BUILD)/gendict: mk/gendict.c | $(STAMP)
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O1 -D_POSIX_C_SOURCE=200809L $(WARN) $(shell pkg-config --cflags jansson libutf8proc) -o $@ $< $(shell pkg-config --libs jansson libutf8proc)
$(BUILD)/gen/defdict.c: $(BUILD)/gendict $(wildcard data/dict/*.txt data/dict/*.tsv)
	@mkdir -p $(dir $@)
	$(BUILD)/gendict $@ $(ISO3166) data/dict
$(BUILD)/gen/defdict.o: $(BUILD)/gen/defdict.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(EXE): $(CLI_OBJ) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(PKG_LIBS) -lmicrohttpd

$(BUILD)/tests/%.o: CPPFLAGS += -DTC_TEST_BIN='"$(EXE)"'
$(UNIT): $(TEST_OBJ) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $(TEST_OBJ) $(LIB) $(PKG_LIBS) $(shell pkg-config --libs criterion)

# The runner's Synthesis line is the last thing printed.
test: $(EXE) $(UNIT)
	@$(UNIT) --jobs=2 $(TEST_ARGS) 2>&1

bench: $(EXE)
	@sh bench/run.sh $(EXE)

demo: $(EXE)
	@sh samples/demo.sh $(EXE)

models: $(EXE)
	@sh mk/models.sh $(EXE)

FUZZ_SRC := $(wildcard fuzz/fuzz_*.c)
FUZZ_BIN := $(FUZZ_SRC:fuzz/%.c=$(BUILD)-fuzz/%)
fuzz: $(FUZZ_BIN)
$(BUILD)-fuzz/%: fuzz/%.c $(LIB_SRC) $(BUILD)/gen/defdict.c
	@WITH_FUZZ=1 sh mk/deps.sh
	@mkdir -p $(dir $@)
	clang -std=c17 -g -O1 -fsanitize=fuzzer,address,undefined -DTC_FUZZ_MAIN $(CPPFLAGS) $(PKG_CFLAGS) \
		-o $@ $< $(LIB_SRC) $(BUILD)/gen/defdict.c $(PKG_LIBS)

check-format:
	clang-format --dry-run -Werror $(LIB_SRC) $(CLI_SRC) $(TEST_SRC)

clean:
	rm -rf build build-san build-fuzz bin

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_OBJ:.o=.d)
