# Heads Together: `make run` serves the app with demo data; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app run
PYTEST_ARGS ?=

.PHONY: run test lint bench bench-scale setup assets db browser clean

# The web app and a job worker together (Procfile, honcho). PORT=5001 make run serves on
# another port; a busy port is skipped for the next free one.
run: setup db
	@echo ""
	@echo "Demo sign-ins (password: demo-password):"
	@echo "  coordinator@example.org  admin@example.org  finance@example.org"
	@echo "  trainer@example.org  cotrainer@example.org  employer@example.org"
	@echo ""
	$(VENV)/bin/honcho start --procfile Procfile --port $${PORT:-5000}

test: setup browser
	$(PY) -m pytest $(PYTEST_ARGS)

# ruff (lint and format) and the import contracts in pyproject.toml (import-linter).
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

bench: setup
	$(PY) -m bench.pages
	$(PY) -m bench.autofill
	$(PY) -m bench.autofill_app
	$(PY) -m bench.feeds
	$(PY) -m bench.feeds_app
	$(PY) -m bench.payrun
	$(PY) -m bench.payrun_web
	$(PY) -m bench.reports
	$(PY) -m bench.messages

# Region against nation scale on PostgreSQL (BENCH_DATABASE_URL; builds both sets once, in
# schemas of that database: 5 to 12 minutes the first time). See docs/performance.md.
bench-scale: setup
	$(PY) -m bench.scale

setup: $(VENV)/.installed assets

# Python packages pinned in pyproject.toml (the app's and the tests').
$(VENV)/.installed: pyproject.toml
	$(PY) -m pip --version >/dev/null 2>&1 || $(PYTHON) -m venv --clear $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -c 'import subprocess, sys, tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", *p["dependencies"], *p["optional-dependencies"]["test"]])'
	touch $@

# GOV.UK Frontend from npm, built into our own stylesheet (no GOV.UK branding).
assets: trainer/static/build/app.css

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

trainer/static/build/app.css: node_modules/.installed trainer/static/scss/app.scss
	npm run --silent build:css

db: setup
	$(FLASK) db upgrade
	$(FLASK) seed-demo --if-empty

# Browser tests drive Debian's Chromium; install it when missing (never a downloaded build).
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "Chromium is not installed: browser tests will be skipped."

clean:
	rm -rf $(VENV) node_modules trainer/static/build
