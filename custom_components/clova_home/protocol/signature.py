"""``SignatureCEK`` verification: RSA PKCS#1 v1.5 with SHA-256 over the raw body."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

SIGNATURE_HEADER = "SignatureCEK"

# Stateless descriptions of the scheme, made once rather than for every request.
_PADDING = padding.PKCS1v15()
_HASH = hashes.SHA256()


def load_public_key(pem: str | bytes) -> rsa.RSAPublicKey:
    """Load an RSA public key from PEM text; raise ``ValueError`` for anything else."""
    data = pem.encode() if isinstance(pem, str) else pem
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError) as err:
        raise ValueError(f"not a PEM public key: {err}") from None
    if not isinstance(key, rsa.RSAPublicKey):
        raise ValueError("not an RSA public key")
    return key


def fingerprint(key: rsa.RSAPublicKey) -> str:
    """SHA-256 of the key's DER encoding, in hex (how the bundled keys are listed)."""
    der = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(der).hexdigest()


class SignatureVerifier:
    """Checks a body's signature against any of a set of trusted keys.

    The key that verified the last good signature is tried first: requests come from one
    signer at a time, so a good signature costs one RSA verification, not one per key.
    """

    def __init__(self, keys: Iterable[rsa.RSAPublicKey]) -> None:
        self.keys = tuple(keys)
        self._first = 0  # index of the key that verified last

    def verify(self, body: bytes, signature: str | None) -> bool:
        """True when ``signature`` (base64) signs ``body`` with one of the keys."""
        if not signature:
            return False
        try:
            raw = base64.b64decode(signature.strip(), validate=True)
        except (binascii.Error, ValueError):
            return False
        count = len(self.keys)
        for step in range(count):
            index = (self._first + step) % count
            try:
                self.keys[index].verify(raw, body, _PADDING, _HASH)
            except InvalidSignature:
                continue
            self._first = index
            return True
        return False
