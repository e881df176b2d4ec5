"""Uploaded documents: what each allowed type must look like, text extraction, and descriptions.

Kept apart from the models so the checks are plain functions of bytes, easy to test.
"""

import io
import itertools
import multiprocessing
import resource
import zipfile
from dataclasses import dataclass, replace

# Leading bytes each allowed extension must start with. Office Open XML and OpenDocument files are
# ZIP archives, so they are checked further (see ``_zip_member_for``); text formats have no magic
# number and are checked for being text instead.
MAGIC_PREFIXES = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    "rtf": (b"{\\rtf",),
}
# A ZIP-based file is only what its extension says if it holds the part that format requires.
ZIP_MEMBERS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
    "odt": "content.xml",
}
TEXT_EXTENSIONS = {"txt", "csv"}
# Markup that browsers would run if the file were ever served inline: never allowed as "text".
MARKUP_SIGNATURES = (b"<!doctype html", b"<html", b"<script", b"<svg", b"<?xml", b"<body", b"<iframe")

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "doc": "application/msword",
    "rtf": "application/rtf",
    "txt": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}
TYPE_LABELS = {"pdf": "PDF", "docx": "Word", "doc": "Word", "odt": "OpenDocument text", "xlsx": "Excel"}


def extension_of(filename: str) -> str:
    """The lower-case extension of ``filename`` without the dot ('' if it has none)."""
    _, dot, extension = filename.rpartition(".")
    return extension.lower() if dot else ""


def content_problem(extension: str, data: bytes) -> str | None:
    """Why ``data`` is not a genuine ``extension`` file, or None when it looks right."""
    label = extension.upper()
    if extension in TEXT_EXTENSIONS:
        return _text_problem(data, label)
    prefixes = MAGIC_PREFIXES.get(extension)
    if prefixes is None:
        return f"Files of type {label} cannot be checked, so they are not accepted."
    if not data.startswith(prefixes):
        return f"This file is not a real {label} file: its contents do not match its name."
    member = ZIP_MEMBERS.get(extension)
    if member and not _zip_has_member(data, member):
        return f"This file is not a real {label} file: it is a ZIP archive without a {label} document inside."
    return None


def _text_problem(data: bytes, label: str) -> str | None:
    if b"\x00" in data:
        return f"This file is not a plain {label} file: it contains binary data."
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return f"This {label} file is not UTF-8 text. Save it as UTF-8 and upload it again."
    if text.lstrip()[:200].lower().encode().startswith(MARKUP_SIGNATURES):
        return f"This file contains web page or image markup, not plain {label} text."
    return None


def _zip_has_member(data: bytes, member: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return member in archive.namelist()
    except zipfile.BadZipFile:
        return False


@dataclass(frozen=True)
class Extraction:
    """What could be read from a document: its text, its page count and whether reading worked.

    ``problem`` says, for the editor, why a file could not be read.
    """

    text: str = ""
    page_count: int | None = None
    readable: bool = True
    problem: str = ""


# Limits on reading an upload, so a "zip bomb" (a small file that unpacks to gigabytes) or a
# pathological PDF costs seconds and a bounded amount of memory, never a worker.
MAX_ARCHIVE_ENTRIES = 2000
MAX_ENTRY_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100  # for entries over 1 MB unpacked; Office XML rarely exceeds 20
MAX_PDF_PAGES = 2000
MAX_TEXT_CHARACTERS = 2_000_000  # ample for search; more is almost certainly not prose
EXTRACTION_SECONDS = 60
EXTRACTION_MEMORY_BYTES = 1024 * 1024 * 1024
DAMAGED = "The file could not be read: it is damaged or password-protected."
TOO_BIG = (
    "The file could not be read safely: it unpacks to far more than its size "
    "(more than {limit} MB, or more than {ratio} times smaller than its contents)."
)
TOO_SLOW = (
    "The file could not be read safely: reading it took more than {seconds} seconds or too much memory."
)


def archive_problem(data: bytes) -> str:
    """Why the ZIP archive in ``data`` is not safe to unpack, or "" (read from its directory only)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        return DAMAGED
    too_big = TOO_BIG.format(limit=MAX_UNPACKED_BYTES // (1024 * 1024), ratio=MAX_COMPRESSION_RATIO)
    if len(entries) > MAX_ARCHIVE_ENTRIES or sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        return too_big
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > MAX_ENTRY_BYTES or (
            entry.file_size > 1024 * 1024 and ratio > MAX_COMPRESSION_RATIO
        ):
            return too_big
    return ""


def extract(extension: str, data: bytes) -> Extraction:
    """Read the text (and, for PDFs, the page count) of a document; never raises.

    A damaged, encrypted or unsafe file gives ``readable=False`` with the reason: the document is
    still stored, and found by its title only. Archives are checked before they are opened.
    """
    reader = EXTRACTORS.get(extension)
    if reader is None:
        return Extraction(readable=True)
    if extension in ZIP_MEMBERS:
        problem = archive_problem(data)
        if problem:
            return Extraction(readable=False, problem=problem)
    try:
        result = reader(data)
    except MemoryError:
        raise  # over the child process's memory limit: reported as such by its parent
    except Exception:  # noqa: BLE001 - any parser failure means "unreadable", never a crash on upload
        return Extraction(readable=False, problem=DAMAGED)
    return replace(result, text=result.text[:MAX_TEXT_CHARACTERS])


def extract_in_child_process(extension: str, data: bytes) -> Extraction:
    """``extract`` in a child process limited to ``EXTRACTION_MEMORY_BYTES`` and ``EXTRACTION_SECONDS``.

    A parser that runs away (a PDF whose streams inflate without end) is stopped without harm to the
    worker: the document is marked unreadable with the reason.
    """
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_extract_and_send, args=(extension, data, sending), daemon=True)
    child.start()
    sending.close()
    result = None
    if receiving.poll(EXTRACTION_SECONDS):
        try:
            result = receiving.recv()
        except EOFError:  # the child died (out of memory) before sending
            result = None
    if child.is_alive():
        child.kill()
    child.join()
    receiving.close()
    return result or Extraction(readable=False, problem=TOO_SLOW.format(seconds=EXTRACTION_SECONDS))


def _extract_and_send(extension: str, data: bytes, sending) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (EXTRACTION_MEMORY_BYTES, EXTRACTION_MEMORY_BYTES))
    try:
        sending.send(extract(extension, data))
    except MemoryError:
        pass  # the parent reports it as too slow or too big
    finally:
        sending.close()


def _extract_pdf(data: bytes) -> Extraction:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        return Extraction(page_count=None, readable=False, problem=DAMAGED)
    pages = reader.pages
    text = "\n".join(page.extract_text() or "" for page in itertools.islice(pages, MAX_PDF_PAGES))
    return Extraction(text=_normalise(text), page_count=len(pages))


def _extract_docx(data: bytes) -> Extraction:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return Extraction(text=_normalise("\n".join(parts)))


def _extract_text(data: bytes) -> Extraction:
    return Extraction(text=_normalise(data.decode("utf-8-sig")))


def _normalise(text: str) -> str:
    """Collapse runs of whitespace so excerpts read well and the index stays small."""
    return " ".join(text.split())


EXTRACTORS = {"pdf": _extract_pdf, "docx": _extract_docx, "txt": _extract_text, "csv": _extract_text}


def describe(*, extension: str, size: int | None, page_count: int | None) -> str:
    """A short description such as "PDF, 240 KB, 12 pages" for a download link."""
    parts = [TYPE_LABELS.get(extension, extension.upper())]
    if size is not None:
        parts.append(human_size(size))
    if page_count:
        parts.append(f"{page_count} page" + ("" if page_count == 1 else "s"))
    return ", ".join(parts)


def human_size(size: int) -> str:
    """Bytes as a whole number of KB below 1 MB, else MB with one decimal ("240 KB", "1.5 MB")."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"
