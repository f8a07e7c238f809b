"""The corrupt-bundle catalogue: every kind of bad file is refused with its own message, and
the receiving database stays byte-identical."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from synctools import Laptop, file_digest

from tui_cia.errors import TuiCiaError
from tui_cia.sync import bundle as fmt
from tui_cia.sync.exchange import import_bundle


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _rezip(path: Path, members: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def bit_flipped(path: Path) -> None:
    members = _members(path)
    records = bytearray(members[fmt.RECORDS])
    records[len(records) // 2] ^= 0x01
    _rezip(path, {**members, fmt.RECORDS: bytes(records)})


def stored_bit_flip(path: Path) -> None:
    blob = bytearray(path.read_bytes())
    blob[120] ^= 0x10  # inside the compressed records: the zip's own check fails
    path.write_bytes(bytes(blob))


def wrong_checksum(path: Path) -> None:
    members = _members(path)
    sums = members[fmt.SUMS].decode()
    _rezip(path, {**members, fmt.SUMS: ("0" * 64 + sums[64:]).encode()})


def altered_manifest(path: Path) -> None:
    members = _members(path)
    manifest = json.loads(members[fmt.MANIFEST])
    manifest["sender"]["enumerator"] = "someone else"
    _rezip(path, {**members, fmt.MANIFEST: json.dumps(manifest).encode()})


def unknown_version(path: Path) -> None:
    members = _members(path)
    manifest = json.loads(members[fmt.MANIFEST])
    manifest["format_version"] = 9
    text = json.dumps(manifest).encode()
    import hashlib

    sums = (
        f"{hashlib.sha256(text).hexdigest()}  {fmt.MANIFEST}\n"
        + members[fmt.SUMS].decode().split("\n", 1)[1]
    )
    _rezip(path, {**members, fmt.MANIFEST: text, fmt.SUMS: sums.encode()})


def dot_dot_path(path: Path) -> None:
    _rezip(path, {**_members(path), "../../evil.sh": b"rm -rf /"})


def huge_member(path: Path) -> None:
    members = _members(path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            if name != fmt.MANIFEST:
                zf.writestr(name, data)
        with zf.open(fmt.MANIFEST, "w", force_zip64=True) as handle:
            chunk = b" " * 1024**2
            for _ in range(70):  # 70 MiB of spaces: a few KiB once compressed
                handle.write(chunk)
    path.write_bytes(buffer.getvalue())


def not_a_zip(path: Path) -> None:
    path.write_text("hello", encoding="utf-8")


def missing_records(path: Path) -> None:
    members = _members(path)
    del members[fmt.RECORDS]
    _rezip(path, members)


CATALOGUE: list[tuple[str, Callable[[Path], None], str]] = [
    ("truncated", truncated, "cut short"),
    ("bit-flipped records", bit_flipped, "checksum of records.jsonl does not match"),
    ("bit flip inside the zip", stored_bit_flip, "damaged"),
    ("wrong checksum", wrong_checksum, "checksum of manifest.json does not match"),
    ("altered manifest", altered_manifest, "checksum of manifest.json does not match"),
    ("unknown format version", unknown_version, "format version 9 is unknown"),
    ("a ../ path inside", dot_dot_path, "named '../../evil.sh'"),
    ("a huge member", huge_member, "more than a bundle may hold"),
    ("not a zip at all", not_a_zip, "not a tui-cia bundle"),
    ("a member missing", missing_records, "lacks records.jsonl"),
]


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Laptop, Laptop, Path]:
    a, b = Laptop(tmp_path, "a"), Laptop(tmp_path, "b")
    for n in range(3):
        a.household(str(n), members=2)
    b.household("99")
    return a, b, a.bundle_for(None)


def _refused(laptop: Laptop, bundle: Path, **kwargs: object) -> str:
    db = laptop.store.path
    laptop.store.close()
    before = file_digest(db)
    laptop.store = type(laptop.store)(db)
    with pytest.raises(TuiCiaError) as caught:
        import_bundle(laptop.store, bundle, **kwargs)  # type: ignore[arg-type]
    laptop.store.close()
    assert file_digest(db) == before, "the database changed"
    return str(caught.value)


@pytest.mark.parametrize(("name", "damage", "message"), CATALOGUE, ids=[c[0] for c in CATALOGUE])
def test_each_damaged_bundle_is_refused_with_its_own_message(
    pair: tuple[Laptop, Laptop, Path], name: str, damage: Callable[[Path], None], message: str
) -> None:
    _, b, bundle = pair
    damage(bundle)
    assert message in _refused(b, bundle)


def test_the_messages_of_the_catalogue_differ() -> None:
    messages = [m for _, _, m in CATALOGUE]
    assert len(set(messages)) >= len(messages) - 1  # manifest checks share one wording


def test_another_forms_bundle_is_refused_when_a_form_is_named(
    pair: tuple[Laptop, Laptop, Path],
) -> None:
    _, b, bundle = pair
    assert "holds records of form 'hh', not 'bmn'" in _refused(b, bundle, form_id="bmn")


def test_a_wrong_passphrase_is_a_clear_error(tmp_path: Path) -> None:
    a, b = Laptop(tmp_path, "a"), Laptop(tmp_path, "b")
    a.household("1")
    bundle = a.bundle_for(None, passphrase="right one")
    assert "wrong passphrase" in _refused(b, bundle, passphrase="wrong one")
    assert "this bundle is encrypted" in _refused(b, bundle)


def test_a_bundle_from_this_same_database_is_refused(pair: tuple[Laptop, Laptop, Path]) -> None:
    a, _, bundle = pair
    assert "written by this same database" in _refused(a, bundle)


def test_a_record_that_does_not_fit_its_form_refuses_the_whole_bundle(
    pair: tuple[Laptop, Laptop, Path],
) -> None:
    _, b, bundle = pair
    members = _members(bundle)
    lines = members[fmt.RECORDS].decode().splitlines()
    record = json.loads(lines[-1])
    data = json.loads(record["changes"][0][8])
    data["income"] = "lots"
    record["changes"][0][8] = json.dumps(data)
    lines[-1] = json.dumps(record)
    text = ("\n".join(lines) + "\n").encode()
    import hashlib

    digest = hashlib.sha256(text).hexdigest()
    manifest = json.loads(members[fmt.MANIFEST])
    manifest["checksums"][fmt.RECORDS] = digest
    mtext = json.dumps(manifest).encode()
    sums = f"{hashlib.sha256(mtext).hexdigest()}  {fmt.MANIFEST}\n{digest}  {fmt.RECORDS}\n"
    _rezip(bundle, {fmt.MANIFEST: mtext, fmt.RECORDS: text, fmt.SUMS: sums.encode()})
    message = _refused(b, bundle)
    assert record["uuid"] in message and "income" in message
