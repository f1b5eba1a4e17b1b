"""Read articles from files and directories.

Supported inputs: ``.txt`` (optional first line `` date YYYY-MM-DD``, body may follow on
the same line), ``.json`` (an object or a list of objects), ``.jsonl``/``.ndjson``,
``.csv`` (one article per row), ``.html``/``.htm`` (the article extracted by trafilatura:
no navigation, footer or comments), and directories of them (recursive, sorted;
``.md`` files there are documentation, not articles).  A file that cannot be read
becomes a :class:`SkippedInput` with a reason; the rest of the corpus is still read.  A
date field that cannot be read becomes a :class:`DateProblem` (file, row, value) next to
its article, which is read without that date.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from geomap.config import MAX_FILE_MB
from geomap.errors import GeomapError
from geomap.model import Article, SkippedInput

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ""}
# read when named on the command line, never found in a folder: README.md beside a corpus
# is documentation, and its headings and examples would become places and events
NAMED_ONLY_SUFFIXES = {".md"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv", ".tsv"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | HTML_SUFFIXES

DATE_HEADER = re.compile(r"\A[ \t]*date[ \t]+(\d{4})-(\d{2})-(\d{2})\b[ \t]*(?:\r?\n)?")
TEXT_FIELDS = ("text", "body", "content", "article", "full_text", "maintext")
DATE_FIELDS = ("date", "published", "publish_date", "published_at", "date_publish", "pub_date")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link", "source_url")
MAX_FILE_BYTES = int(MAX_FILE_MB * 1_000_000)  # the default; read_file takes another


class InputError(GeomapError, ValueError):
    """A file or record is unusable; the message says which and why."""


@dataclass(slots=True)
class DateProblem(SkippedInput):
    """A date field that could not be read (``source`` names the file and row, ``reason``
    the field and its value).  Its article is read without that date, so this is a
    reported input problem, not a skipped article."""


def parse_header(text: str) -> tuple[date | None, int]:
    """Return the date of a `` date YYYY-MM-DD`` header and the offset where the body starts."""
    match = DATE_HEADER.match(text)
    if not match:
        return None, 0
    try:
        found = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None, 0
    return found, match.end()


_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
_NUMERIC_DATE = re.compile(r"\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*\Z")
_MAX_DATE_CHARS = 100  # longer values are text, not a date: dateparser's cost grows with length


def parse_date_value(value: object) -> date | None:
    """Parse a date field of metadata in any common format, or None.

    ``2021-07-29``, ``2021-07-29T10:00:00Z``, ``20/05/2022``, ``20.05.2022``,
    ``May 3 2022``, ``3 May 2022``, ``Tue, 03 May 2022 10:00:00 GMT``, ``2022/05/20``.
    A numeric date whose first two numbers could both be the month (``03/05/2022``) is
    read day first, as most of the world writes it (use ISO dates to avoid the guess).
    A value without day, month and year (``May 2022``) is not a date here.
    """
    return read_date_value(value)[0]


def read_date_value(value: object) -> tuple[date | None, str | None]:
    """``(date, None)``, ``(None, None)`` for an empty value, or ``(None, reason)``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None, f"not a date: {type(value).__name__}"
    text = str(value).strip()
    iso = _ISO_DATE.match(text)
    if iso:
        return _valid(int(iso[1]), int(iso[2]), int(iso[3]), text)
    numeric = _NUMERIC_DATE.match(text)
    if numeric:
        first, second, year = int(numeric[1]), int(numeric[2]), int(numeric[3])
        return _valid(year, first, second, text) if first <= 12 < second else _valid(year, second, first, text)
    if len(text) > _MAX_DATE_CHARS:
        return None, f"{len(text)} characters, not a date"
    return _dateparser_date(text)


def _valid(year: int, month: int, day: int, text: str) -> tuple[date | None, str | None]:
    try:
        return date(year, month, day), None
    except ValueError:
        return None, f"{text!r} is not a calendar date"


def _dateparser_date(text: str) -> tuple[date | None, str | None]:
    """Month names, weekdays, time zones: dateparser (imported only when needed, ~0.3 s)."""
    import dateparser

    settings = {
        "DATE_ORDER": "DMY",
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PARSERS": ["timestamp", "absolute-time"],  # no "yesterday": relative to when? not to the article
    }
    try:
        found = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        found = None
    if found is None:
        return None, f"{text!r} is not a date geomap can read (use YYYY-MM-DD)"
    return found.date(), None


# the control characters (Unicode category Cc, a fixed set) other than \t \n \f \r: one
# C-level scan instead of a category lookup per character
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def decode_bytes(raw: bytes, source: str) -> str:
    """Decode file bytes as UTF-8 (BOM tolerated), refusing binary data with a clear reason."""
    if not raw.strip():
        raise InputError(f"{source}: empty file")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{source}: starts with a UTF-16 mark but is not valid UTF-16") from None
    elif b"\x00" in raw[:8192]:
        raise InputError(f"{source}: binary file (contains NUL bytes), not text")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{source}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                "re-save the file as UTF-8"
            ) from None
    head = text[:8192]
    controls = len(_CONTROL_CHARACTERS.findall(head)) if _CONTROL_CHARACTERS.search(head) else 0
    if controls > max(2, len(head) // 100):
        raise InputError(f"{source}: binary data ({controls} control characters), not text")
    return text


class _HTMLText(HTMLParser):
    """Collect visible text, the <title> and a publication date from an HTML page."""

    SKIP = {"script", "style", "noscript", "template", "svg", "head"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self.date: str | None = None
        self._skip_depth = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            if key in {"article:published_time", "date", "pubdate", "dc.date", "og:published_time"}:
                self.date = self.date or values.get("content")
        elif tag == "time" and values.get("datetime") and not self.date:
            self.date = values["datetime"]
        if tag == "title":
            self._in_title = True
        if tag in self.SKIP:
            self._skip_depth += 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in self.SKIP and self._skip_depth:
            self._skip_depth -= 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip_depth:
            self.parts.append(data)

    def text(self) -> str:
        joined = "".join(self.parts)
        joined = re.sub(r"[ \t\r\f\v]+", " ", joined)
        return re.sub(r"\n\s*\n+", "\n\n", joined).strip()


def _record_date(lowered: dict, source: str) -> tuple[date | None, DateProblem | None]:
    """The first readable date field of a record, and a problem for the first unreadable one."""
    problem = None
    for key in DATE_FIELDS:
        found, reason = read_date_value(lowered.get(key))
        if found is not None:
            return found, problem
        if reason and problem is None:
            problem = DateProblem(source, f"date field {key!r} not read: {reason}; article read without it")
    return None, problem


def _article_from_record(record: dict, article_id: str, source: str) -> Iterator[Article | DateProblem]:
    if not isinstance(record, dict):
        raise InputError(f"{source}: record is a {type(record).__name__}, expected an object")
    lowered = {str(k).lower(): v for k, v in record.items()}
    text = next((lowered[k] for k in TEXT_FIELDS if isinstance(lowered.get(k), str)), None)
    if text is None or not text.strip():
        raise InputError(f"{source}: no text field (expected one of {', '.join(TEXT_FIELDS)})")
    header_date, body_start = parse_header(text)
    found_date, problem = _record_date(lowered, source)
    if problem is not None and found_date is None and header_date is None:
        yield problem  # a header date (or a second, readable field) makes the bad field harmless
    title = next((str(lowered[k]) for k in TITLE_FIELDS if lowered.get(k)), None)
    url = next((str(lowered[k]) for k in URL_FIELDS if lowered.get(k)), None)
    record_id = lowered.get("id")
    yield Article(
        id=f"{article_id.rsplit('-', 1)[0]}#{record_id}" if record_id not in (None, "") else article_id,
        source_file=source,
        text=text,
        date=found_date or header_date,
        body_start=body_start,
        title=title,
        url=url,
        metadata={k: v for k, v in record.items() if isinstance(v, (str, int, float)) and k.lower() not in TEXT_FIELDS},
    )


# A JSON string escape of half a surrogate pair ("\\ud800" with no partner) decodes to a
# Python str that cannot be encoded as UTF-8: every writer would fail on it later.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _sanitised(data: object, raw: str, source: str) -> object:
    """``data`` with every lone surrogate replaced by U+FFFD (the record is kept and read;
    the replacement is logged with the file).  Well-formed pairs were already joined by
    the JSON decoder, so only lone halves are left to replace."""
    if not _SURROGATE_ESCAPE.search(raw):
        return data  # the common case: nothing to look at
    replaced = [0]

    def clean(value: object) -> object:
        if isinstance(value, str):
            text, count = _LONE_SURROGATE.subn("\ufffd", value)
            replaced[0] += count
            return text
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {clean(k): clean(v) for k, v in value.items()}
        return value

    cleaned = clean(data)
    if replaced[0]:
        log.warning("%s: %d lone surrogate escape(s) (such as \\ud800) replaced by U+FFFD", source, replaced[0])
    return cleaned


def _read_records(path: Path, text: str) -> Iterator[Article | SkippedInput]:
    suffix = path.suffix.lower()
    source = str(path)
    if suffix in JSON_SUFFIXES:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield SkippedInput(source, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
            return
        data = _sanitised(data, text, source)
        records = data if isinstance(data, list) else [data]
        rows: Iterable[tuple[str, object]] = ((f"{source}[{i}]", r) for i, r in enumerate(records))
    elif suffix in JSONL_SUFFIXES:
        parsed: list[tuple[str, object]] = []
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                parsed.append((f"{source}:{lineno}", _sanitised(json.loads(line), line, f"{source}:{lineno}")))
            except json.JSONDecodeError as exc:
                parsed.append((f"{source}:{lineno}", InputError(f"{source}:{lineno}: invalid JSON: {exc.msg}")))
        rows = parsed
    else:  # csv / tsv
        dialect = "excel-tab" if suffix == ".tsv" else "excel"
        reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
        rows = ((f"{source}:{reader.line_num}", row) for row in reader)
    for index, (where, record) in enumerate(rows):
        if isinstance(record, InputError):
            yield SkippedInput(where, str(record).split(": ", 1)[-1])
            continue
        try:
            yield from list(_article_from_record(record, f"{path.stem}-{index}", where))  # type: ignore[arg-type]
        except InputError as exc:
            yield SkippedInput(where, str(exc).split(": ", 1)[-1])


def read_file(path: str | Path, max_file_mb: float = MAX_FILE_MB) -> Iterator[Article | SkippedInput]:
    """Read one file into articles; problems come back as :class:`SkippedInput` items.

    A file over ``max_file_mb`` megabytes (10⁶ bytes) is skipped with a message naming
    the limit and how to raise it.
    """
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_file_mb * 1_000_000:
            yield SkippedInput(source, too_large(size, max_file_mb))
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield SkippedInput(source, f"cannot read: {exc.strerror or exc}")
        return
    try:
        text = decode_bytes(raw, source)
    except InputError as exc:
        yield SkippedInput(source, str(exc).split(": ", 1)[-1])
        return
    suffix = path.suffix.lower()
    if suffix in JSON_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES:
        yield from _read_records(path, text)
    elif suffix in HTML_SUFFIXES:
        yield _html_article(path, text)
    else:
        yield _text_article(path, text)


def too_large(size: int, limit_mb: float) -> str:
    """The reason given for a file over the size limit."""
    return (
        f"file too large: {size / 1e6:,.1f} MB, over the {limit_mb:g} MB limit "
        "(raise it with --max-file-mb or GEOMAP_MAX_FILE_MB, or split the file)"
    )


def _text_article(path: Path, text: str) -> Article | SkippedInput:
    article_date, body_start = parse_header(text)
    if not text[body_start:].strip():
        return SkippedInput(str(path), "no article text after the date header")
    return Article(id=path.stem, source_file=str(path), text=text, date=article_date, body_start=body_start)


def _html_article(path: Path, page: str) -> Article | SkippedInput:
    """The article of an HTML page: its main text, title and date, without navigation,
    menus, footers, comments or scripts (trafilatura), the dateline kept as the first
    line of the body.  A page trafilatura finds no article in falls back to all its
    visible text, with a warning."""
    source = str(path)
    extracted = extract_html(page)
    if extracted is None:
        parser = _HTMLText()
        parser.feed(page)
        body, title, published = parser.text(), parser.title.strip() or None, parser.date
        if body:
            log.warning("%s: no article found in the page; all its visible text is read", source)
    else:
        body, title, published = extracted
    if not body:
        return SkippedInput(source, "HTML page has no visible text")
    return Article(id=path.stem, source_file=source, text=body, date=parse_date_value(published), title=title)


def extract_html(page: str) -> tuple[str, str | None, str | None] | None:
    """``(text, title, date)`` of the article in an HTML page, or None if none is found.

    trafilatura finds the main text (precision first, then recall); htmldate, through
    trafilatura, the publication date from the page's metadata only (not from dates in
    the text, which are the events' dates).
    """
    import trafilatura  # imported only for HTML inputs (~0.5 s)

    favours: tuple[dict[str, Any], ...] = ({"favor_precision": True}, {"favor_recall": True})
    for favour in favours:
        try:
            document = trafilatura.bare_extraction(
                page, with_metadata=True, include_comments=False, include_tables=False,
                deduplicate=False, date_extraction_params={"extensive_search": False, "original_date": True},
                **favour,
            )
        except Exception as exc:  # a page lxml cannot parse is read the plain way
            log.info("trafilatura could not read the page: %s", exc)
            return None
        text = (getattr(document, "text", None) or "").strip() if document is not None else ""
        if text:
            # one paragraph a line: blank lines between them, as the plain reader writes, so a
            # headline without a full stop stays apart from the dateline sentence
            text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
            return text, getattr(document, "title", None) or None, getattr(document, "date", None) or None
    return None


def iter_files(paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> Iterator[Path | SkippedInput]:
    """Expand files and directories (recursively, sorted) into input files.

    Files under a directory of ``exclude`` (a build's own output directory inside the
    input directory) are not inputs.  Whatever cannot be read is yielded as a
    :class:`SkippedInput` with the reason, never skipped in silence: a missing path, a
    folder that cannot be listed, a broken link, a link to a folder (not followed, as
    before), a device or pipe.
    """
    excluded = [Path(p).resolve() for p in exclude]
    for entry in paths:
        path = Path(entry)
        problem = _unusable(path)
        if problem:
            yield SkippedInput(str(path), problem)
        elif path.is_dir():
            yield from _folder_inputs(path, excluded)
        else:
            yield path


def _unusable(path: Path) -> str | None:
    """Why ``path`` (given as an input, or found in a folder) cannot be read; None if it can."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "broken link: its target does not exist" if path.is_symlink() else "no such file or directory"
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "not a regular file (device, pipe or socket)"
    return None


def _folder_inputs(root: Path, excluded: list[Path]) -> Iterator[Path | SkippedInput]:
    """Input files under ``root`` (sorted by path), then what could not be read there."""
    files: list[Path] = []
    problems: list[SkippedInput] = []

    def unreadable(error: OSError) -> None:
        problems.append(SkippedInput(str(error.filename or root), f"cannot read folder: {error.strerror or error}"))

    for folder, subfolders, names in os.walk(root, onerror=unreadable):
        for name in subfolders:
            if os.path.islink(os.path.join(folder, name)):
                problems.append(SkippedInput(os.path.join(folder, name), "link to a folder, not followed (give its target as an input)"))
        for name in names:
            child = Path(folder, name)
            if name.startswith(".") or child.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue  # also .md: documentation beside a corpus (read only when named)
            if excluded and any(e in child.resolve().parents for e in excluded):
                continue
            problem = _unusable(child)
            if problem:
                problems.append(SkippedInput(str(child), problem))
            else:
                files.append(child)
    yield from sorted(files)
    yield from sorted(problems, key=lambda p: p.source)


def read_corpus(
    paths: Iterable[str | Path], exclude: Iterable[str | Path] = (), max_file_mb: float = MAX_FILE_MB
) -> Iterator[Article | SkippedInput]:
    """Read every article under ``paths`` (see :func:`iter_files` for ``exclude``,
    :func:`read_file` for ``max_file_mb``); unreadable inputs are yielded as
    :class:`SkippedInput`, unreadable date fields as :class:`DateProblem`."""
    for item in iter_files(paths, exclude):
        if isinstance(item, SkippedInput):
            yield item
        else:
            yield from read_file(item, max_file_mb)
