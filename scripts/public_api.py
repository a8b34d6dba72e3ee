#!/usr/bin/env python3
"""public_api.py [--check FILE | --write FILE] — the library's public API, one item a line.

Builds gleaner's rustdoc JSON with the `fetch` and `warc` features (rustdoc's JSON output is
unstable; RUSTC_BOOTSTRAP lets the stable toolchain write it, as cargo-semver-checks does), then
walks what the crate root exports: modules, types, their public fields, variants and inherent
methods, functions, constants. `#[doc(hidden)]` items (the `_internal` test door) are left out.

  --write FILE   write the listing (commit it: public-api.txt)
  --check FILE   fail when the API differs from FILE (CI): a change to the public API must be
                 deliberate and reviewed, and the version bumped when it breaks callers
  (neither)      print the listing and a summary: items, and public structs/enums without
                 #[non_exhaustive]
Python 3 standard library only.
"""
import json, os, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build():
    env = dict(os.environ, RUSTC_BOOTSTRAP="1",
               RUSTDOCFLAGS="-Z unstable-options --output-format json")
    subprocess.run(["cargo", "doc", "-p", "gleaner", "--no-deps", "--features", "fetch,warc",
                    "--quiet"], cwd=ROOT, env=env, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return json.load(open(target / "doc" / "gleaner.json"))


def listing(doc):
    index = doc["index"]
    lines, exhaustive = set(), []

    def hidden(item):
        return any(a == "hidden" or (isinstance(a, dict) and "hidden" in str(a)) or a == "#[doc(hidden)]"
                   for a in item.get("attrs", [])) or item.get("name") == "_internal"

    def non_exhaustive(item):
        return any(a == "non_exhaustive" or (isinstance(a, str) and "non_exhaustive" in a)
                   for a in item.get("attrs", []))

    def methods(item, path):
        for impl_id in item["inner"][kind_of(item)].get("impls", []):
            impl = index.get(str(impl_id))
            if not impl:
                continue
            inner = impl["inner"]["impl"]
            if inner.get("is_synthetic") or inner.get("blanket_impl") is not None:
                continue  # auto traits and blanket impls follow from the rest
            if inner.get("trait") is not None:
                lines.add(f"impl {inner['trait']['path']} for {path}")
                continue
            for m in inner["items"]:
                mi = index.get(str(m))
                if mi and mi.get("visibility") == "public" and not hidden(mi):
                    kind = "method" if kind_of(mi) == "function" else kind_of(mi)
                    lines.add(f"{kind} {path}::{mi['name']}")

    def kind_of(item):
        return next(iter(item["inner"]))

    def walk(item_id, path, seen):
        item = index.get(str(item_id))
        if item is None or item_id in seen or hidden(item):
            return
        seen = seen | {item_id}
        kind = kind_of(item)
        if kind == "use":
            use = item["inner"]["use"]
            if use.get("id") is not None:
                target = index.get(str(use["id"]))
                if target is not None:
                    name = use["name"]
                    walk_named(use["id"], f"{path}::{name}" if not use.get("is_glob") else path, seen)
            return
        walk_named(item_id, path, seen)

    def walk_named(item_id, path, seen):
        item = index[str(item_id)]
        kind = kind_of(item)
        if hidden(item):
            return
        if kind == "module":
            lines.add(f"mod {path}")
            for child in item["inner"]["module"]["items"]:
                ci = index.get(str(child))
                if ci is None or (ci.get("visibility") != "public" and kind_of(ci) != "use"):
                    continue
                name = ci.get("name")
                walk(child, f"{path}::{name}" if name else path, seen)
        elif kind == "struct":
            plain = item["inner"]["struct"]["kind"].get("plain", {})
            # Private fields already keep callers from building or matching it.
            closed = non_exhaustive(item) or plain.get("has_stripped_fields", False)
            mark = "" if closed else "  (exhaustive)"
            if not closed:
                exhaustive.append(path)
            lines.add(f"struct {path}{mark}")
            fields = item["inner"]["struct"]["kind"].get("plain", {}).get("fields", [])
            for f in fields:
                fi = index.get(str(f))
                if fi and fi.get("visibility") == "public":
                    lines.add(f"field {path}::{fi['name']}")
            methods(item, path)
        elif kind == "enum":
            mark = "" if non_exhaustive(item) else "  (exhaustive)"
            if not non_exhaustive(item):
                exhaustive.append(path)
            lines.add(f"enum {path}{mark}")
            for v in item["inner"]["enum"]["variants"]:
                vi = index.get(str(v))
                if vi:
                    lines.add(f"variant {path}::{vi['name']}")
            methods(item, path)
        elif kind in ("function", "constant", "static", "type_alias", "trait", "macro"):
            lines.add(f"{kind} {path}")

    root = index[str(doc["root"])]
    walk_named(doc["root"], root["name"], frozenset())
    return sorted(lines), sorted(set(exhaustive))


def main():
    args = sys.argv[1:]
    lines, exhaustive = listing(build())
    text = "\n".join(lines) + "\n"
    if args[:1] == ["--write"]:
        Path(args[1]).write_text(text)
    elif args[:1] == ["--check"]:
        want = Path(args[1]).read_text()
        if want != text:
            import difflib
            sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), text.splitlines(True),
                                                       args[1], "now"))
            sys.exit("the public API changed: review it, then run scripts/public_api.py --write "
                     f"{args[1]}")
    else:
        sys.stdout.write(text)
    kinds = {}
    for l in lines:
        kinds[l.split()[0]] = kinds.get(l.split()[0], 0) + 1
    named = sum(n for k, n in kinds.items() if k not in ("impl", "field", "variant", "method"))
    print(f"public items: {len(lines)} ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}); "
          f"named items (types, functions, modules, constants): {named}; "
          f"structs/enums without #[non_exhaustive]: {', '.join(exhaustive) or 'none'}", file=sys.stderr)


if __name__ == "__main__":
    main()
