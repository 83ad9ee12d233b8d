# Thin bootstrap: a local virtual environment with the pinned dependencies,
# then the real work in tasks.py (invoke).
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed-requirements
# decap-server, for `invoke cms` and the CMS's tests (package-lock.json); builds need no npm.
NODE_STAMP := node_modules/.package-lock.json

.PHONY: build test venv clean

build: $(STAMP)
	$(VENV)/bin/invoke build

test: $(STAMP) $(NODE_STAMP)
	$(VENV)/bin/invoke test

# The virtual environment alone (CI's check and publish jobs).
venv: $(STAMP)

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is needed")'
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

$(NODE_STAMP): package-lock.json
	@if command -v npm >/dev/null; then npm ci --ignore-scripts --no-audit --no-fund; \
	else echo "npm is missing, so the CMS tests will fail: apt-get install -y nodejs npm"; fi

clean:
	rm -rf output cache $(VENV)
