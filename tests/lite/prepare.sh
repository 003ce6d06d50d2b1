#!/usr/bin/env bash
# Fetch what the xlwings Lite tests (tests/lite/test_pyodide.py) need, before they run:
# the npm package pyodide (package-lock.json) and the wheels of pyodide-wheels.txt from PyPI.
# At test time nothing is downloaded. Run from anywhere, with the project's Python environment active.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
# pure-Python wheels for Pyodide's Python 3.12, whatever Python runs pip here
python -m pip download --quiet --no-deps --only-binary=:all: --platform any --python-version 3.12 \
  --implementation py --abi none --dest wheels -r pyodide-wheels.txt
echo "tests/lite: Pyodide $(node -p 'require("./node_modules/pyodide/package.json").version') and $(ls wheels | wc -l) wheels ready"
