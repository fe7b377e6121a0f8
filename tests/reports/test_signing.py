"""PAdES signatures with a certificate the test makes itself, validated by pyHanko."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from backlog_desk import cli
from backlog_desk.store.database import Database

from .conftest import page_count

COURT = "长春市二道区人民法院"


def make_certificate(folder: Path, password: bytes) -> tuple[Path, Path]:
    """A self-signed certificate as a court's CA would issue it: .p12 and its .pem."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, COURT),
                      x509.NameAttribute(NameOID.COUNTRY_NAME, "CN")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True,
                crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    p12 = folder / "court.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(
        b"court", key, cert, None, serialization.BestAvailableEncryption(password)))
    pem = folder / "court.pem"
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return p12, pem


def test_signed_report_validates_and_still_verifies(
        demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    p12, pem = make_certificate(tmp_path, b"s3cret")
    monkeypatch.setenv("COURT_CERT_PASSWORD", "s3cret")
    out = tmp_path / "通报.pdf"
    assert demo_db.path is not None
    code = cli.main(["report", "bulletin", str(demo_db.path), "--out", str(out),
                     "--as-of", "2026-07-15", "--sign", str(p12),
                     "--sign-password-env", "COURT_CERT_PASSWORD", "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0 and doc["signed"] is True and COURT in doc["signer"]
    assert page_count(out) == doc["pages"]

    with out.open("rb") as fh:
        reader = PdfFileReader(fh)
        assert len(reader.embedded_signatures) == 1
        status = validate_pdf_signature(
            reader.embedded_signatures[0],
            ValidationContext(trust_roots=[load_cert_from_pemder(str(pem))]))
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.bottom_line

    # The signature is an incremental update: the report's record still reads back.
    code = cli.main(["verify-report", str(out), str(demo_db.path), "--json"])
    assert code == 0 and json.loads(capsys.readouterr().out)["matches"] is True

    # One byte changed in the signed part: the signature no longer holds.
    data = bytearray(out.read_bytes())
    spot = data.index(b"/Title")
    data[spot + 1] = ord("t")
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    with tampered.open("rb") as fh:
        reader = PdfFileReader(fh, strict=False)
        status = validate_pdf_signature(
            reader.embedded_signatures[0],
            ValidationContext(trust_roots=[load_cert_from_pemder(str(pem))]))
    assert not status.intact


def test_wrong_password_is_bad_input(demo_db: Database, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    p12, _pem = make_certificate(tmp_path, b"right")
    monkeypatch.setenv("PW", "wrong")
    assert demo_db.path is not None
    code = cli.main(["report", "committee", str(demo_db.path), "--out",
                     str(tmp_path / "c.pdf"), "--as-of", "2026-07-15", "--department",
                     "民一庭", "--sign", str(p12), "--sign-password-env", "PW", "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 1 and "court.p12" in doc["error"] and doc["field"] == "sign"
    assert not (tmp_path / "c.pdf").exists()  # checked before the report is made
    code = cli.main(["report", "committee", str(demo_db.path), "--out",
                     str(tmp_path / "c.pdf"), "--sign", str(p12), "--sign-password-env",
                     "NOT_SET_ANYWHERE_H5", "--json"])
    assert code == 2
    capsys.readouterr()
