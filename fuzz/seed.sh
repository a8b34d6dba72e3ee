#!/usr/bin/env bash
# Seed the fuzz corpora from the golden fixtures and a few small pages.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/extract corpus/decode corpus/parse
for d in ../fixtures/*/; do
  name=$(basename "$d")
  cp "$d/page.html" "corpus/extract/$name.html"
  head -c 4096 "$d/page.html" > "corpus/decode/$name.html"
  cp "$d/page.html" "corpus/parse/$name.html"
done
# Small pages reaching the tree builder's repair rules.
i=0
for p in '<b>1<p>2</b>3</p>' '<a href=x>1<div>2</a>3</div>' '<b><i>1<p>2</b>3</i>4' \
  '<table><tr><td>a<td>b<tr><td>c</table>' '<table>x<tr><td>y</table>' '<p>a<table><tr><td>b</table>' \
  '<head><noscript><img src=a></noscript><meta name=x></head><body>z' '<form><div></form>x</div>' \
  '<ul><li>a<li>b<dl><dt>c<dd>d</dl></ul>' '<select><option>a<optgroup><option>b</select>' \
  '<svg><g></g></svg><math></math><template><p>t</template>' '<script><!--<script></script>--></script>x' \
  '<p>a &amp; b &notit; &#x80;</p><textarea>\nx</textarea>' '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN"><p><table>'; do
  printf '%s' "$p" > "corpus/parse/rule-$i.html"
  i=$((i + 1))
done
# One page-sized input (the fixtures run together, cut at 150 KB), so that
# the runs try pages as long as real ones, not only the fixtures' sizes.
cat ../fixtures/*/page.html | head -c 150000 > corpus/extract/large-fixtures.html
cp corpus/extract/large-fixtures.html corpus/parse/large-fixtures.html
