#!/usr/bin/env bash
# Seed the fuzz corpora from the golden fixtures and a few list lines.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/extract corpus/decode corpus/list_line
for d in ../fixtures/*/; do
  name=$(basename "$d")
  cp "$d/page.html" "corpus/extract/$name.html"
  head -c 4096 "$d/page.html" > "corpus/decode/$name.html"
done
printf 'pages/a.html.gz https://example.com/a\n# comment\n-\nhttps://example.com/x\n' > corpus/list_line/basic
printf '  ftp://host/file  \nC:\\\\pages\\\\a.html\tfile:///etc/x\n' > corpus/list_line/odd
