"""The final PDF: the document signed, a page of evidence, sealed by the platform.

The seal is a PAdES signature (ETSI.CAdES.detached) made with pyHanko over the whole file,
with the certificate and key named by the settings `SIGNATURES_CERT` and `SIGNATURES_KEY`
(PEM files; `SIGNATURES_KEY_PASSPHRASE` if the key is encrypted). When neither is set, a
self-signed demo certificate is made under the var directory (`technopark
signatures-make-cert`), and the evidence page says the seal is a demo one. See
docs/signatures.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

DEMO_ORGANISATION = "Technopark (demo certificate, not trusted)"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _default_paths() -> tuple[Path, Path]:
    folder = Path(settings.VAR_DIR) / "signatures"
    return folder / "seal-cert.pem", folder / "seal-key.pem"


def certificate_paths() -> tuple[Path, Path]:
    cert = getattr(settings, "SIGNATURES_CERT", "")
    key = getattr(settings, "SIGNATURES_KEY", "")
    if cert and key:
        return Path(cert), Path(key)
    return _default_paths()


def make_demo_certificate(*, folder: Path | None = None, force: bool = False) -> tuple[Path, Path]:
    """A self-signed certificate and its RSA key, good for ten years, at the default paths
    (where the settings name no certificate of their own), or in `folder`."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    cert_path, key_path = _default_paths()
    if folder is not None:
        cert_path, key_path = folder / cert_path.name, folder / key_path.name
    if cert_path.exists() and key_path.exists() and not force:
        return cert_path, key_path
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "MA"),
            x509.NameAttribute(NameOID.LOCALITY_NAME, "Casablanca"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, DEMO_ORGANISATION),
            x509.NameAttribute(NameOID.COMMON_NAME, "Technopark demo seal"),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path.parent.mkdir(parents=True, exist_ok=True)
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return cert_path, key_path


def seal_certificate():
    """The sealing certificate (an asn1crypto certificate), making the demo one if the
    settings name none and there is none yet."""
    from pyhanko.keys import load_cert_from_pemder

    cert_path, _key = certificate_paths()
    if not cert_path.exists() and (cert_path, _key) == _default_paths():
        make_demo_certificate()
    return load_cert_from_pemder(str(cert_path))


def is_demo_certificate(cert) -> bool:
    """Self-signed: no reader trusts it unless told to."""
    return cert.self_signed in ("maybe", "yes") or DEMO_ORGANISATION in cert.subject.human_friendly


def evidence_page(context: dict, language: str) -> bytes:
    """The evidence page, in the request's language, as a one-page PDF."""
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(
            "signatures/evidence.html",
            {**context, "lang": language, "bidi": language in settings.LANGUAGES_BIDI},
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def append_pages(document: bytes, extra: bytes) -> bytes:
    """The document with the pages of `extra` added at its end (each drawn as a form
    XObject, so its text stays text)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import copy_into_new_writer

    writer = copy_into_new_writer(PdfFileReader(BytesIO(document), strict=False))
    source = PdfFileReader(BytesIO(extra))
    for index in range(int(source.root["/Pages"]["/Count"])):
        page = source.find_page_for_modification(index)[0].get_object()
        xobject = writer.import_page_as_xobject(source, page_ix=index)
        box = page.get("/MediaBox") or [0, 0, 595.28, 841.89]
        writer.insert_page(
            generic.DictionaryObject(
                {
                    generic.NameObject("/Type"): generic.NameObject("/Page"),
                    generic.NameObject("/MediaBox"): generic.ArrayObject(
                        [generic.FloatObject(float(x)) for x in box]
                    ),
                    generic.NameObject("/Resources"): generic.DictionaryObject(
                        {
                            generic.NameObject("/XObject"): generic.DictionaryObject(
                                {generic.NameObject("/Evidence"): xobject}
                            )
                        }
                    ),
                    generic.NameObject("/Contents"): writer.add_object(
                        generic.StreamObject(stream_data=b"q /Evidence Do Q")
                    ),
                }
            )
        )
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def seal(document: bytes, *, reason: str, location: str = "Maroc") -> bytes:
    """A PAdES signature of the whole document by the platform's certificate."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    cert_path, key_path = certificate_paths()
    seal_certificate()  # makes the demo certificate when needed
    passphrase = getattr(settings, "SIGNATURES_KEY_PASSPHRASE", "") or None
    signer = signers.SimpleSigner.load(
        str(key_path),
        str(cert_path),
        key_passphrase=passphrase.encode() if passphrase else None,
    )
    if signer is None:
        raise RuntimeError(f"cannot load the sealing key {key_path} and certificate {cert_path}")
    meta = signers.PdfSignatureMetadata(
        field_name="TechnoparkSeal",
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason[:200],
        location=location,
    )
    out = signers.sign_pdf(
        IncrementalPdfFileWriter(BytesIO(document), strict=False), meta, signer=signer
    )
    return out.getvalue()


def validate(document: bytes, trust_roots=()):
    """pyHanko's status of the document's last signature (for the tests and the page)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(BytesIO(document))
    signature = reader.embedded_signatures[-1]
    context = ValidationContext(trust_roots=list(trust_roots) or [seal_certificate()])
    return validate_pdf_signature(signature, context)
