"""The demo signing key: CEK signs each body with its private key, the integration trusts the
public half through its extra-key option (``security.extra_public_key``).

The signing itself is :func:`clova_sim.messages.sign`. Like that module, this one imports
nothing else of ``clova_sim``: the integration's tests import it as ``scripts.clova_sim.keys``.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

PRIVATE_KEY_FILE = "clova-demo-private.pem"
PUBLIC_KEY_FILE = "clova-demo-public.pem"


def ensure_key_pair(directory: Path) -> rsa.RSAPrivateKey:
    """Load the demo key pair from ``directory``, generating it on first use."""
    private_path = directory / PRIVATE_KEY_FILE
    if private_path.exists():
        return load_private_key(private_path)
    directory.mkdir(parents=True, exist_ok=True)
    key = new_private_key()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    # Written owner-only: whoever holds it can sign requests the demo home trusts.
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as file:
        file.write(pem)
    (directory / PUBLIC_KEY_FILE).write_text(public_pem(key))
    return key


def new_private_key() -> rsa.RSAPrivateKey:
    """A fresh 2048-bit RSA key, of the kind CEK signs with."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def load_private_key(path: Path) -> rsa.RSAPrivateKey:
    """An RSA private key from a PEM file."""
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError(f"{path} is not an RSA private key")
    return key


def public_pem(key: rsa.RSAPrivateKey) -> str:
    """The PEM text of the key's public half."""
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
