# Two commands for a newcomer: `make demo` and `make test`. Everything lands in .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install demo test lint messages vendor bench clean e2e screenshots

install: $(STAMP)

$(STAMP): requirements/lock.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

demo: install
	mkdir -p var
	$(BIN)/technopark migrate --noinput -v 0
	$(BIN)/technopark seed-demo --if-empty
	$(BIN)/technopark demo-logins
	@echo "Serving http://127.0.0.1:$(PORT)  (Ctrl-C to stop); card gateway simulator on :8025"
	$(BIN)/technopark payment-gateway-simulator --port 8025 & sim=$$!; \
	trap "kill $$sim" EXIT INT TERM; \
	REQUIRE_STAFF_2FA=$${REQUIRE_STAFF_2FA:-0} $(BIN)/technopark runserver 127.0.0.1:$(PORT)

test: install
	mkdir -p var
	$(BIN)/python -m pytest -n 2 -q $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$status

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

messages: install
	cd technopark && ../$(BIN)/technopark makemessages -l fr -l ar -l en --no-obsolete --ignore=tests --ignore=*/tests/*
	cd technopark && ../$(BIN)/technopark makemessages -d djangojs -l fr -l ar -l en --no-obsolete
	cd technopark && ../$(BIN)/technopark compilemessages

e2e: install
	bash e2e/run.sh

# Screenshots of the main pages at 390, 768 and 1280 px (fr, and the homes in ar).
screenshots: install
	bash e2e/run.sh --screenshots

bench: install
	$(BIN)/python bench/bilan.py

clean:
	rm -rf $(VENV) var/*.sqlite3*

vendor:
	tools/vendor.sh
