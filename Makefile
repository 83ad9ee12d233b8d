# Thin bootstrap: a local virtual environment with the pinned dependencies,
# then the real work in tasks.py (invoke).
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed-requirements

.PHONY: build test venv clean

build: $(STAMP)
	$(VENV)/bin/invoke build

test: $(STAMP)
	$(VENV)/bin/invoke test

# The virtual environment alone (CI's check and publish jobs).
venv: $(STAMP)

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is needed")'
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

clean:
	rm -rf output cache $(VENV)
