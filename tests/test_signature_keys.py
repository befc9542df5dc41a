"""With several trusted keys, a good signature costs one RSA verification once its key is known."""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives.asymmetric import rsa

from custom_components.clova_home.protocol.signature import SignatureVerifier

from .helpers import new_private_key, sign

BODY = b'{"header": {"name": "TurnOnRequest"}}'


class CountingKey:
    """A public key that counts its RSA operations."""

    def __init__(self, key: rsa.RSAPrivateKey) -> None:
        self.key = key.public_key()
        self.key_size = self.key.key_size
        self.calls = 0

    def recover_data_from_signature(self, *args: Any) -> bytes:
        self.calls += 1
        return self.key.recover_data_from_signature(*args)


def test_the_key_that_verified_last_is_tried_first() -> None:
    bundled_private, extra_private = new_private_key(), new_private_key()
    bundled, extra = CountingKey(bundled_private), CountingKey(extra_private)
    verifier = SignatureVerifier([bundled, extra])  # type: ignore[list-item]

    assert verifier.verify(BODY, sign(extra_private, BODY)) is True
    assert (bundled.calls, extra.calls) == (1, 1)
    for _ in range(3):
        assert verifier.verify(BODY, sign(extra_private, BODY)) is True
    assert (bundled.calls, extra.calls) == (1, 4)

    # The other signer is still accepted, and becomes the first tried.
    assert verifier.verify(BODY, sign(bundled_private, BODY)) is True
    assert verifier.verify(BODY, sign(bundled_private, BODY)) is True
    assert (bundled.calls, extra.calls) == (3, 5)


def test_a_bad_signature_is_checked_against_every_key() -> None:
    first, second = CountingKey(new_private_key()), CountingKey(new_private_key())
    verifier = SignatureVerifier([first, second])  # type: ignore[list-item]

    assert verifier.verify(BODY, sign(new_private_key(), BODY)) is False
    assert (first.calls, second.calls) == (1, 1)
