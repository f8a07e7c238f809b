"""Optional bundle encryption: AES-256-GCM with a key derived from a passphrase by scrypt.

An encrypted bundle is `MAGIC`, a 16-byte salt, a 12-byte nonce and the AES-GCM ciphertext
of the plain bundle (the header is authenticated too). Nothing here is home-made: the
cipher and the key derivation come from the `cryptography` package.
"""

from __future__ import annotations

import os

from tui_cia.errors import TuiCiaError

MAGIC = b"TUICIA-BUNDLE-AESGCM-1\n"
SALT_BYTES = 16
NONCE_BYTES = 12
# scrypt cost: about 0.1 s and 32 MiB on an old laptop; slows guessing, not people.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
PASSPHRASE_ENV = "TUI_CIA_PASSPHRASE"


class WrongPassphrase(TuiCiaError):
    """The passphrase does not open this bundle, or the encrypted file was altered."""


class PassphraseNeeded(TuiCiaError):
    """An encrypted bundle and no passphrase."""


def is_encrypted(blob: bytes) -> bool:
    return blob.startswith(MAGIC)


def _key(passphrase: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    kdf = Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return kdf.derive(passphrase.encode("utf-8"))


def encrypt(plain: bytes, passphrase: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not passphrase:
        raise TuiCiaError("an empty passphrase cannot protect a bundle: choose one")
    salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    header = MAGIC + salt + nonce
    return header + AESGCM(_key(passphrase, salt)).encrypt(nonce, plain, header)


def decrypt(blob: bytes, passphrase: str | None) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not passphrase:
        raise PassphraseNeeded(
            f"this bundle is encrypted: give its passphrase (asked for, or set {PASSPHRASE_ENV})"
        )
    start = len(MAGIC)
    salt = blob[start : start + SALT_BYTES]
    nonce = blob[start + SALT_BYTES : start + SALT_BYTES + NONCE_BYTES]
    header = blob[: start + SALT_BYTES + NONCE_BYTES]
    if len(nonce) != NONCE_BYTES:
        raise WrongPassphrase("this encrypted bundle is cut short: copy it again")
    try:
        return AESGCM(_key(passphrase, salt)).decrypt(nonce, blob[len(header) :], header)
    except InvalidTag:
        raise WrongPassphrase(
            "wrong passphrase for this bundle (or the file was damaged on the way): "
            "check the passphrase with the person who sent it"
        ) from None
