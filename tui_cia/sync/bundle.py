"""The bundle file: a zip of a manifest, the records with their changes, and checksums.

Layout (format version 1), optionally encrypted as a whole (see `crypto`):

    manifest.json   format, version, sender, time, what the sender knows, form versions, counts
    records.jsonl   one record per line: its identity and the changes (history rows) it carries
    SHA256SUMS      the SHA-256 of manifest.json and records.jsonl

Reading is defensive: the file's size and each member's size are capped, no name inside the
zip is ever used as a path (only the three names above are accepted), and every checksum is
verified before the caller gets a single record.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from tui_cia.errors import TuiCiaError
from tui_cia.sync import crypto

FORMAT = "tui-cia-bundle"
FORMAT_VERSION = 1
MANIFEST, RECORDS, SUMS = "manifest.json", "records.jsonl", "SHA256SUMS"
MEMBERS = (MANIFEST, RECORDS, SUMS)
MAX_FILE_BYTES = 2 * 1024**3
# Decompressed sizes: a 2 GB bundle of a whole province holds about 1.5 GB of records.
MAX_MEMBER_BYTES = {MANIFEST: 64 * 1024**2, RECORDS: 2 * 1024**3, SUMS: 4096}
CHUNK = 1024**2


class BundleRefused(TuiCiaError):
    """A bundle that cannot be used; nothing was changed."""


@dataclass
class Bundle:
    """A verified bundle: its manifest and its record lines (JSON objects)."""

    manifest: dict[str, Any]
    records: list[dict[str, Any]]


def write_bundle(
    out: Path, manifest: dict[str, Any], records: Iterable[str], passphrase: str | None = None
) -> dict[str, Any]:
    """Write the bundle to `out` (through a temporary file); returns the final manifest."""
    buffer = io.BytesIO()
    digest = hashlib.sha256()
    count = 0
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open(RECORDS, "w", force_zip64=True) as handle:
            for line in records:
                data = (line + "\n").encode("utf-8")
                digest.update(data)
                handle.write(data)
                count += 1
        manifest = {**manifest, "format": FORMAT, "format_version": FORMAT_VERSION}
        manifest["counts"] = {**manifest.get("counts", {}), "records": count}
        manifest["checksums"] = {RECORDS: digest.hexdigest()}
        text = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
        zf.writestr(MANIFEST, text)
        sums = f"{hashlib.sha256(text).hexdigest()}  {MANIFEST}\n{digest.hexdigest()}  {RECORDS}\n"
        zf.writestr(SUMS, sums)
    blob = buffer.getvalue()
    if passphrase is not None:
        blob = crypto.encrypt(blob, passphrase)
    _write_atomically(out, blob)
    return manifest


def _write_atomically(out: Path, blob: bytes) -> None:
    if out.is_dir():
        raise TuiCiaError(f"{out} is a folder: give the bundle's file name, e.g. {out / 'x.tcb'}")
    if not out.parent.is_dir():
        raise TuiCiaError(f"no folder {out.parent}: create it first or choose another place")
    temp = out.with_name(out.name + ".part")  # beside `out`: the same drive, so one rename
    try:
        with temp.open("wb") as handle:
            handle.write(blob)
            handle.flush()
            os.fsync(handle.fileno())
        temp.replace(out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        message = f"cannot write {out}: {exc.strerror or exc}"
        if isinstance(exc, PermissionError):  # Windows locks a file another program has open
            message += ". If it is open in another program, close it and try again"
        raise TuiCiaError(message) from exc


def read_bundle(path: Path, passphrase: str | None = None) -> Bundle:
    """Open, decrypt if needed, verify every checksum, and parse; or refuse with why."""
    blob = _read_file(path)
    if crypto.is_encrypted(blob):
        blob = crypto.decrypt(blob, passphrase)
    try:
        zf = zipfile.ZipFile(io.BytesIO(blob))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise BundleRefused(
            f"{path.name} is not a tui-cia bundle, or it was cut short on the way: copy it again"
        ) from None
    with zf:
        _check_members(zf, path.name)
        sums = _parse_sums(_read_member(zf, SUMS))
        manifest_bytes = _read_member(zf, MANIFEST)
        manifest = _parse_manifest(manifest_bytes)
        _check_version(manifest)
        _verify(MANIFEST, hashlib.sha256(manifest_bytes).hexdigest(), sums)
        with _open_member(zf, RECORDS) as handle:
            lines = list(_hashed_lines(handle, sums, manifest))
    records = [_parse_record(number, line) for number, line in enumerate(lines, start=1)]
    expected = manifest.get("counts", {}).get("records")
    if expected != len(records):
        raise BundleRefused(
            f"the manifest says {expected} records but the bundle holds {len(records)}"
        )
    return Bundle(manifest, records)


def _read_file(path: Path) -> bytes:
    if not path.is_file():
        raise BundleRefused(f"no such bundle file: {path}")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise BundleRefused(f"{path.name} is {size // 1024**2} MiB, larger than any bundle can be")
    return path.read_bytes()


def _check_members(zf: zipfile.ZipFile, name: str) -> None:
    names = [info.filename for info in zf.infolist()]
    for member in names:
        if member not in MEMBERS:
            raise BundleRefused(
                f"{name} holds a file named {member!r}, which no tui-cia bundle has: "
                "it was not written by tui-cia, so it is not opened"
            )
    if len(set(names)) != len(names):
        raise BundleRefused(f"{name} holds the same file twice: it was not written by tui-cia")
    missing = [m for m in MEMBERS if m not in names]
    if missing:
        raise BundleRefused(f"{name} lacks {', '.join(missing)}: it is not a complete bundle")
    for info in zf.infolist():
        if info.file_size > MAX_MEMBER_BYTES[info.filename]:
            raise BundleRefused(
                f"{info.filename} inside {name} claims {info.file_size} bytes, more than a "
                "bundle may hold: refused"
            )


def _open_member(zf: zipfile.ZipFile, member: str) -> IO[bytes]:
    try:
        return zf.open(member)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError) as exc:
        raise BundleRefused(f"{member} inside the bundle cannot be read ({exc})") from None


def _read_member(zf: zipfile.ZipFile, member: str) -> bytes:
    limit = MAX_MEMBER_BYTES[member]
    with _open_member(zf, member) as handle:
        try:
            data = handle.read(limit + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
            raise _damaged(member, exc) from None
    if len(data) > limit:
        raise BundleRefused(f"{member} inside the bundle is larger than it may be: refused")
    return data


def _damaged(member: str, exc: BaseException) -> BundleRefused:
    return BundleRefused(
        f"{member} inside the bundle is damaged ({exc}): the file was altered or cut short"
    )


def _parse_sums(data: bytes) -> dict[str, str]:
    sums: dict[str, str] = {}
    for line in data.decode("utf-8", "replace").splitlines():
        digest, _, member = line.partition("  ")
        if member in MEMBERS and len(digest) == 64:
            sums[member] = digest
    if set(sums) != {MANIFEST, RECORDS}:
        raise BundleRefused("the bundle's checksum list (SHA256SUMS) is damaged: refused")
    return sums


def _verify(member: str, digest: str, sums: dict[str, str]) -> None:
    if digest != sums[member]:
        raise BundleRefused(
            f"the checksum of {member} does not match: the bundle was altered or damaged "
            "after it was written; ask for a new bundle"
        )


def _parse_manifest(data: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BundleRefused("the bundle's manifest is not readable JSON: refused") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleRefused("this zip file is not a tui-cia bundle (its manifest says otherwise)")
    shapes = {"counts": dict, "checksums": dict, "forms": list, "known": dict, "sender": dict}
    for key, kind in shapes.items():
        if key in manifest and not isinstance(manifest[key], kind):
            raise BundleRefused(f"the bundle's manifest has a malformed '{key}': refused")
    return manifest


def _check_version(manifest: dict[str, Any]) -> None:
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise BundleRefused(
            f"bundle format version {version!r} is unknown to this tui-cia, which reads version "
            f"{FORMAT_VERSION}: update tui-cia on this laptop, or ask for a bundle written by "
            "the same version"
        )


def _hashed_lines(
    handle: IO[bytes], sums: dict[str, str], manifest: dict[str, Any]
) -> Iterator[bytes]:
    """The lines of records.jsonl, after its checksum (both kinds) has been verified."""
    digest = hashlib.sha256()
    chunks: list[bytes] = []
    total = 0
    try:
        while chunk := handle.read(CHUNK):
            total += len(chunk)
            if total > MAX_MEMBER_BYTES[RECORDS]:
                raise BundleRefused(f"{RECORDS} inside the bundle is larger than it may be")
            digest.update(chunk)
            chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
        raise _damaged(RECORDS, exc) from None
    _verify(RECORDS, digest.hexdigest(), sums)
    if manifest.get("checksums", {}).get(RECORDS) != digest.hexdigest():
        raise BundleRefused("the manifest's checksum of the records does not match: refused")
    for line in b"".join(chunks).split(b"\n"):
        if line.strip():
            yield line


def _parse_record(number: int, line: bytes) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise BundleRefused(f"record {number} of the bundle is not readable JSON") from None
    if not isinstance(record, dict):
        raise BundleRefused(f"record {number} of the bundle is not an object")
    return record
