"""PAdES signatures on printed reports, with the court's own certificate (.p12/.pfx).

Signed through pyHanko as an incremental update, so the report's bytes stay as they were
and a PDF reader can show that nothing changed after signing. Everything happens offline:
no timestamp server, no revocation lookups (an air-gapped court PC has neither); a reader
validates the signer's certificate against the court's own trust list.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backlog_desk.services.errors import InvalidValue

SIGNATURE_FIELD = "BacklogDeskSignature"


@dataclass(frozen=True)
class Signed:
    file: str
    signer: str  # the certificate's subject, as a reader shows it


def load_signer(certificate: Path, password: str | None = None) -> Any:
    """The key and certificate of a PKCS#12 file, or InvalidValue saying what is wrong.
    Called before a report is made, so a wrong password does not leave an unsigned one."""
    # Imported here: pyHanko and its crypto stack cost ~0.5 s that unsigned reports skip.
    from pyhanko.sign import signers

    try:
        data = certificate.read_bytes()
    except OSError as exc:
        raise InvalidValue(f"{certificate}: cannot be read ({exc.strerror or exc})",
                           field="sign", file=str(certificate)) from exc
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(
            data, other_certs=[], passphrase=password.encode() if password else None)
    except ValueError as exc:
        raise InvalidValue(f"{certificate}: not a PKCS#12 certificate file, or the password "
                           "is wrong", field="sign", file=str(certificate)) from exc
    return signer


def sign_pdf(pdf: Path, signer: Any, *, reason: str = "核对无误，予以签发",
             location: str = "") -> Signed:
    """Sign ``pdf`` in place with a signer from load_signer."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD, subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256", reason=reason, location=location or None)
    # Written beside the report and moved over it, so a failure never leaves half a file.
    fd, tmp = tempfile.mkstemp(suffix=".pdf", dir=pdf.parent)
    try:
        with os.fdopen(fd, "wb") as out, pdf.open("rb") as src:
            signers.sign_pdf(IncrementalPdfFileWriter(src, strict=False), meta,
                             signer=signer, output=out)
        os.replace(tmp, pdf)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Signed(str(pdf), signer.signing_cert.subject.human_friendly)
