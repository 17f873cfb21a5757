# sockwalk -- build the stages and the tracer into bin/, run the walkthrough and the tests.
# `make` builds, `make demo` runs the walkthrough, `make test` runs every check (STAGE=05 for one stage),
# `make check` repeats the tests with AddressSanitizer and UndefinedBehaviorSanitizer.

CC      ?= gcc
CFLAGS  ?= -std=gnu11 -Wall -Wextra -Werror -O2 -g
ifeq ($(SAN),1)
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif
# Objects of a sanitizer build must never mix with a normal one: each mode has its own folder.
OBJ     := build/$(if $(filter 1,$(SAN)),san,normal)

STAGE_SRC  := $(sort $(wildcard stages/[0-9][0-9]-*.c))
STAGE_BINS := $(patsubst stages/%.c,bin/%,$(STAGE_SRC))
# Everything in stages/ that is not a numbered stage is a chore shared by the stages (common.c, the HTTP parser).
STAGE_LIB  := $(patsubst stages/%.c,$(OBJ)/stages/%.o,$(filter-out $(STAGE_SRC),$(wildcard stages/*.c)))
TRACER_OBJ := $(patsubst tracer/%.c,$(OBJ)/tracer/%.o,$(wildcard tracer/*.c))
HELPER_SRC := $(wildcard tests/progs/*.c)
HELPER_BINS:= $(patsubst tests/progs/%.c,bin/test-%,$(HELPER_SRC))

# FORCE must be phony: under the bare .SECONDARY below every target is secondary, and a secondary FORCE that
# never exists counts as up to date, so bin/.mode and .flags were never looked at again (a mode switch relinked nothing).
.PHONY: all deps demo test check bench docs fuzz lint clean FORCE
# Objects are kept between builds (make would otherwise delete them as intermediates and rebuild them).
.SECONDARY:
all: $(STAGE_BINS) bin/tracer $(HELPER_BINS)

$(OBJ)/%.o: %.c $(wildcard stages/*.h tracer/*.h) $(OBJ)/.flags
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

# Rebuild when the flags change (a SAN=1 build after a normal one, or the other way round).
$(OBJ)/.flags: FORCE
	@mkdir -p $(OBJ)
	@echo '$(CC) $(CFLAGS) $(LDFLAGS)' | cmp -s - $@ || echo '$(CC) $(CFLAGS) $(LDFLAGS)' > $@
# bin/ holds one mode at a time: switching mode relinks every binary.
bin/.mode: FORCE
	@mkdir -p bin
	@echo '$(OBJ)' | cmp -s - $@ || echo '$(OBJ)' > $@
FORCE:

bin/%: $(OBJ)/stages/%.o $(STAGE_LIB) bin/.mode
	$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(STAGE_LIBS)

# Only the sandbox stage links libseccomp: in every other stage's trace, loading it would be noise.
bin/08-sandbox: STAGE_LIBS = -lseccomp

bin/tracer: $(TRACER_OBJ) bin/.mode
	$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) -lseccomp

bin/test-%: $(OBJ)/tests/progs/%.o $(STAGE_LIB) bin/.mode
	$(CC) $(LDFLAGS) -pthread -o $@ $(filter %.o,$^)

deps:
	scripts/install-deps

demo: deps all
	scripts/demo

# `make test STAGE=05` runs only the checks of stage 05; TESTS=tracer runs tests/tracer*.bats.
test: deps all
	scripts/run-tests $(if $(STAGE),--stage $(STAGE)) $(if $(TESTS),--match $(TESTS))

check: deps
	$(MAKE) SAN=1 all
	ASAN_OPTIONS=detect_leaks=1 scripts/run-tests
	$(MAKE) all
	scripts/install-deps --fuzz
	scripts/fuzz -t $(FUZZ_SECONDS)

# cppcheck and clang-tidy over every C file (configuration: .clang-tidy, scripts/cppcheck-suppressions).
lint: deps
	scripts/install-deps --lint
	scripts/lint

# The generated parts of docs/NN-name.md, from what the current code prints (tests/docs.bats fails when stale).
docs: deps all
	scripts/make-docs

# The HTTP parser under libFuzzer for FUZZ_SECONDS (clang from Debian).
FUZZ_SECONDS ?= 60
fuzz: deps
	scripts/install-deps --fuzz
	scripts/fuzz -t $(FUZZ_SECONDS)

bench: deps all
	scripts/install-deps --bench
	scripts/bench

clean:
	rm -rf bin build tests/.report
