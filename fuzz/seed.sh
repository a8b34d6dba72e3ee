#!/usr/bin/env bash
# Seed the fuzz corpora from the golden fixtures.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/extract corpus/decode
for d in ../fixtures/*/; do
  name=$(basename "$d")
  cp "$d/page.html" "corpus/extract/$name.html"
  head -c 4096 "$d/page.html" > "corpus/decode/$name.html"
done
