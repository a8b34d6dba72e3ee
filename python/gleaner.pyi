"""gleaner: web article pages to clean records (headline, dates, body, authors)."""

import datetime
import os
from typing import Any, Dict, Iterable, Iterator, Optional, Tuple, Union

__version__: str

Html = Union[str, bytes, bytearray]
"""A page: text that is already decoded, or bytes (gzip undone, charset detected)."""

Page = Union[Html, Tuple[Html, Optional[str]], Tuple[Html, Optional[str], Optional[str]]]
"""An item of `extract_many`: a page, `(html, url)` or `(html, url, source)`."""

Record = Dict[str, Any]
"""A record, exactly as the `gleaner` command prints it as JSON: source, url,
headline, published, modified, body, attribution {authors, publisher,
canonical_url}, language, description, image, site_name, tags, page_type,
word_count; body_markdown, body_html, fetched, warnings and error when they
apply."""

DEFAULTS: Dict[str, Any]
"""The library's default options, by the keyword names the functions take."""

def extract(
    html: Html,
    url: Optional[str] = None,
    *,
    source: Optional[str] = None,
    max_input_bytes: int = 52428800,
    include_tables: bool = True,
    include_captions: bool = False,
    markdown: bool = False,
    html_body: bool = False,
    markdown_links: bool = True,
    markdown_images: bool = True,
    max_depth: int = 512,
    reference_date: Union[datetime.date, str, None] = None,
) -> Record:
    """Extract the article from one page and return its record.

    A page that cannot be extracted gives a record whose `error` is set;
    wrong argument types raise TypeError, bad option values ValueError.
    """

def extract_many(
    pages: Iterable[Page],
    jobs: Optional[int] = None,
    *,
    max_input_bytes: int = 52428800,
    include_tables: bool = True,
    include_captions: bool = False,
    markdown: bool = False,
    html_body: bool = False,
    markdown_links: bool = True,
    markdown_images: bool = True,
    max_depth: int = 512,
    reference_date: Union[datetime.date, str, None] = None,
) -> Records:
    """Extract many pages in parallel on Rust threads; records in input order."""

def read_warc(
    path: Union[str, "os.PathLike[str]"],
    jobs: Optional[int] = None,
    *,
    max_input_bytes: int = 52428800,
    include_tables: bool = True,
    include_captions: bool = False,
    markdown: bool = False,
    html_body: bool = False,
    markdown_links: bool = True,
    markdown_images: bool = True,
    max_depth: int = 512,
    reference_date: Union[datetime.date, str, None] = None,
) -> Records:
    """The records of the pages of a WARC file (gzip or plain), in file order."""

class Records(Iterator[Record]):
    """The records of `extract_many` or `read_warc`, in input order."""

    def __iter__(self) -> "Records": ...
    def __next__(self) -> Record: ...
    @property
    def skipped(self) -> Dict[str, int]:
        """WARC records that are not pages, by why (always empty for extract_many)."""
