"""Reading back the record a report PDF carries (layout.RECORD_KEY in its document
information): report id, fingerprint, data moment and the parameters it was made with.

Read with pyHanko's PDF parser, which also follows the incremental update a signature adds.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .layout import RECORD_KEY


class NoRecord(Exception):
    """The file is not a PDF, or not one this app made."""


def read_record(path: Path) -> dict[str, Any]:
    # Imported here: pyHanko's parser costs ~1 s of imports the window need not pay at start.
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        with path.open("rb") as fh:
            reader = PdfFileReader(fh, strict=False)
            # .get would return the unresolved indirect reference; indexing resolves it.
            info = reader.trailer_view.get("/Info")
            info = info.get_object() if info is not None else {}
            text = str(info.get("/" + RECORD_KEY, ""))
    except OSError as exc:
        raise NoRecord(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    except (PdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise NoRecord(f"{path}: not a readable PDF ({exc})") from exc
    if not text:
        raise NoRecord(f"{path}: carries no Backlog Desk report record "
                       "(not made by this app, or made before reports carried one)")
    try:
        record = json.loads(text)
    except ValueError as exc:
        raise NoRecord(f"{path}: its report record is damaged") from exc
    if not isinstance(record, dict) or not {"fingerprint", "params", "data_at"} <= set(record):
        raise NoRecord(f"{path}: its report record is incomplete")
    return record
