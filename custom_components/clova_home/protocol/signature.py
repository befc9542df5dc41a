"""``SignatureCEK`` verification: RSA PKCS#1 v1.5 with SHA-256 over the raw body."""

from __future__ import annotations

import binascii
from collections.abc import Iterable
import hashlib
import hmac

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

SIGNATURE_HEADER = "SignatureCEK"

_PADDING = padding.PKCS1v15()  # stateless: made once rather than for every request
# What a PKCS#1 v1.5 SHA-256 signature signs: this DER DigestInfo prefix, then the
# 32-byte hash (RFC 8017, section 9.2, note 1).
_SHA256_DIGEST_INFO = bytes.fromhex("3031300d060960864801650304020105000420")


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


def signed_digest_info(key: rsa.RSAPublicKey, signature: bytes) -> bytes | None:
    """What ``signature`` signs under ``key``: the DigestInfo inside its PKCS#1 v1.5 block.

    None unless the signature is exactly the key's length and, raised to the public
    exponent, is a well-formed signature block (00 01 FF..FF 00, checked by OpenSSL).
    Comparing the result with the expected DigestInfo is RFC 8017's own verification
    (section 8.2.2: encode the expected block and compare), the same verdict as
    ``RSAPublicKey.verify``; it leaves hashing and comparing to Python, which costs a
    request less in a busy process than OpenSSL's digest set-up does.
    """
    if len(signature) != (key.key_size + 7) // 8:
        return None
    try:
        return key.recover_data_from_signature(signature, _PADDING, None)
    except InvalidSignature:
        return None


class SignatureVerifier:
    """Checks a body's signature against any of a set of trusted keys.

    The key that verified the last good signature is tried first: requests come from one
    signer at a time, so a good signature costs one RSA operation, not one per key.
    """

    def __init__(self, keys: Iterable[rsa.RSAPublicKey]) -> None:
        self.keys = tuple(keys)
        self._first = 0  # index of the key that verified last

    def verify(self, body: bytes, signature: str | None) -> bool:
        """True when ``signature`` (base64) signs ``body`` with one of the keys."""
        if not signature:
            return False
        try:  # strict base64 (what b64decode(validate=True) does, one call less)
            raw = binascii.a2b_base64(signature.strip(), strict_mode=True)
        except (binascii.Error, ValueError):  # ValueError: not ASCII
            return False
        expected = _SHA256_DIGEST_INFO + hashlib.sha256(body).digest()
        count = len(self.keys)
        for step in range(count):
            index = (self._first + step) % count
            signed = signed_digest_info(self.keys[index], raw)
            if signed is not None and hmac.compare_digest(signed, expected):
                self._first = index
                return True
        return False
