#!/usr/bin/env python3
"""gleaner as a datatrove extraction step, in place of its Trafilatura step.

datatrove's extractors subclass `BaseExtractor` and implement
`extract(html) -> text`; the base class runs each document through it (in a
sandbox process with a timeout), drops documents whose text comes back
empty and counts what happened. `GleanerExtractor` is such a step:

    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from datatrove_gleaner import GleanerExtractor

    pipeline = [
        WarcReader("s3://commoncrawl/crawl-data/CC-MAIN-2024-10/segments/", glob_pattern="*/warc/*"),
        GleanerExtractor(),          # was: Trafilatura(favour_precision=True)
        JsonlWriter("out/"),
    ]

Run over a folder of HTML files (what the test suite does):

    python3 python/examples/datatrove_gleaner.py PAGES_DIR OUT_DIR
"""

import sys
from pathlib import Path

from datatrove.pipeline.extractors.base import BaseExtractor

import gleaner


class GleanerExtractor(BaseExtractor):
    """Extract each document's article text with gleaner.

    Args:
        timeout: the time allowed for one document, in seconds (the base
            class's sandbox enforces it).
        markdown: give the body as Markdown instead of plain text.
        **options: any other gleaner.extract option (include_tables, ...).
    """

    name = "gleaner"
    _requires_dependencies = ["gleaner"]

    def __init__(self, timeout: float = 1, markdown: bool = False, **options):
        super().__init__(timeout)
        self.markdown = markdown
        self.options = dict(options, markdown=markdown)

    def extract(self, text: str) -> str:
        """The article body of the page TEXT; "" (document dropped) when the
        page has none or cannot be read."""
        record = gleaner.extract(text, **self.options)
        if record.get("error"):
            return ""
        if self.markdown:
            return record.get("body_markdown") or ""
        return record["body"]


def html_documents(folder):
    """A reader for a folder of .html files: one Document per file."""
    from datatrove.data import Document

    return [
        Document(text=path.read_text(encoding="utf-8", errors="replace"), id=path.stem,
                 metadata={"path": str(path)})
        for path in sorted(Path(folder).rglob("*.html"))
    ]


def main(pages, out):
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.writers import JsonlWriter

    executor = LocalPipelineExecutor(
        pipeline=[html_documents(pages), GleanerExtractor(), JsonlWriter(out, compression=None)],
        tasks=1,
        workers=1,
        logging_dir=str(Path(out) / "logs"),
    )
    executor.run()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
