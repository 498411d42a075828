#!/usr/bin/env bash
# Runs the Spark integration tests (tests/spark.rs) against PySpark in target/sparkvenv.
#
# Creates the virtualenv on first use and pip-installs pyspark into it. Without network (pip
# fails), without a usable `python3 -m venv`, or without Java, it says so and exits 0: the
# Spark tests are optional. A failing test exits non-zero.
#
# Usage: bash examples/spark/ci.sh        (from anywhere; PYTHON=python3.11 picks the interpreter)
set -u
cd "$(dirname "$0")/../.." || exit 1

venv=target/sparkvenv
python=${PYTHON:-python3}

if ! java -version >/dev/null 2>&1; then
    echo "spark ci: no working \`java -version\`; skipping the Spark tests"
    exit 0
fi

if ! "$venv/bin/python" -c 'import pyspark' >/dev/null 2>&1; then
    mkdir -p target
    if ! "$python" -m venv "$venv"; then
        echo "spark ci: could not create a virtualenv with $python; skipping the Spark tests"
        exit 0
    fi
    if ! "$venv/bin/pip" install --quiet --disable-pip-version-check --retries 1 --timeout 60 pyspark; then
        echo "spark ci: pip install pyspark failed (no network?); skipping the Spark tests"
        exit 0
    fi
fi

SAYWHO_PYTHON="$venv/bin/python" exec cargo test --release --test integration spark
