"""The one cache (`store.memo`): values keyed by the bytes of their file, the racy-mtime rule,
read-only use, and a folder that may break or vanish at any moment without harm."""

from __future__ import annotations

import marshal
import os
import shutil
import time
from pathlib import Path

import pytest

from movecoach.store import memo as memo_module
from movecoach.store.memo import INDEX, RACY_NS, VERSION, Memo, blob_hash

LONG_AGO_NS = 1_600_000_000 * 10**9  # September 2020: well before any hash taken in a test


class Counted:
    """A `compute` that says how often it ran."""

    def __init__(self) -> None:
        self.calls: list[bytes] = []

    def __call__(self, data: bytes) -> list[object]:
        self.calls.append(data)
        return [len(data), data.decode()]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir()
    return folder


def source(tmp_path: Path, text: str, name: str = "file.toml", old: bool = False) -> str:
    path = tmp_path / name
    path.write_text(text)
    if old:  # modified long before it is hashed: the index may vouch for it
        os.utime(path, ns=(LONG_AGO_NS, LONG_AGO_NS))
    return str(path)


def entries(root: Path) -> set[str]:
    return {p.name for p in root.iterdir()} - {INDEX}


def test_the_hash_is_of_the_bytes() -> None:
    assert blob_hash(b"abc") == blob_hash(b"abc")
    assert blob_hash(b"abc") != blob_hash(b"abd")
    assert len(blob_hash(b"")) == 40
    assert int(blob_hash(b"x"), 16) >= 0


def test_bytes_in_pieces_hash_as_the_whole_small_and_large(monkeypatch) -> None:
    from movecoach.store import memo

    data = b"[[session]]\nid = 1\n" * 100

    def in_pieces() -> str:  # as a large file's new bytes are hashed, copied from the old
        digest = memo.hasher(len(data))
        for piece in (memoryview(data)[:7], memoryview(data)[7:]):
            digest.update(piece)
        return memo.hex_name(digest)

    small = blob_hash(data)
    assert in_pieces() == small
    monkeypatch.setattr(memo, "BIG_BLOB", 1)  # SHA-256 from this size on
    large = blob_hash(data)
    assert in_pieces() == large != small
    assert len(large) == 40


def test_a_value_is_computed_once_for_the_same_bytes(root: Path, tmp_path: Path) -> None:
    compute = Counted()
    path = source(tmp_path, "hello")
    assert Memo(str(root)).derive(path, "words", compute) == [5, "hello"]
    assert Memo(str(root)).derive(path, "words", compute) == [5, "hello"]
    assert compute.calls == [b"hello"]
    assert entries(root) == {f"{blob_hash(b'hello')}.words.marshal"}


def test_values_are_keyed_by_bytes_not_by_file(root: Path, tmp_path: Path) -> None:
    compute = Counted()
    first = source(tmp_path, "same", "a.toml")
    second = source(tmp_path, "same", "b.toml")
    memo = Memo(str(root))
    assert memo.derive(first, "words", compute) == memo.derive(second, "words", compute)
    assert len(compute.calls) == 1
    assert memo.derive(first, "other", compute) == [4, "same"]  # a kind of its own
    assert len(compute.calls) == 2


def test_changed_bytes_are_seen_even_with_the_same_size_and_time(
    root: Path, tmp_path: Path
) -> None:
    """A sync tool may put back the modification time; a write in the same clock tick keeps
    it too. A file modified just before it was hashed is hashed again every time."""
    compute = Counted()
    path = source(tmp_path, "aaaa")
    before = os.stat(path)
    assert Memo(str(root)).derive(path, "words", compute) == [4, "aaaa"]
    Path(path).write_text("bbbb")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert Memo(str(root)).derive(path, "words", compute) == [4, "bbbb"]


def test_an_old_unchanged_file_is_not_read_to_know_its_hash(root: Path, tmp_path: Path) -> None:
    path = source(tmp_path, "settled", old=True)
    first = Memo(str(root))
    digest, data = first.digest(path)
    assert (digest, data) == (blob_hash(b"settled"), b"settled")
    first.flush()
    memo = Memo(str(root))
    assert memo.digest(path) == (digest, None)  # from the index: size and time are the same


def test_the_index_is_trusted_only_well_after_the_last_change(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = source(tmp_path, "racy")
    mtime = os.stat(path).st_mtime_ns
    memo = Memo(str(root))
    monkeypatch.setattr(time, "time_ns", lambda: mtime + RACY_NS)  # hashed 2 s after: racy
    memo.digest(path)
    assert memo.known_hash(path, os.stat(path)) is None
    monkeypatch.setattr(time, "time_ns", lambda: mtime + RACY_NS + 1)
    memo.digest(path)
    assert memo.known_hash(path, os.stat(path)) == blob_hash(b"racy")


def test_a_file_changed_moments_ago_is_hashed_once_a_command(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 50 MB log just written was hashed again by every read of one command (eight for a
    plan); it must be hashed again only when it is another file or has changed."""
    path = source(tmp_path, "fresh")
    hashed: list[bytes] = []
    monkeypatch.setattr(memo_module, "blob_hash", lambda data: hashed.append(data) or "h")
    memo = Memo(str(root))
    assert memo.digest(path) == ("h", b"fresh")
    assert memo.digest(path) == ("h", None)
    assert hashed == [b"fresh"]
    os.replace(source(tmp_path, "fresh", "other.toml"), path)  # the same bytes, a new file
    memo.digest(path)
    Path(path).write_text("changed")
    memo.digest(path)
    assert hashed == [b"fresh", b"fresh", b"changed"]
    assert Memo(str(root)).digest(path) == ("h", b"changed")  # a new command hashes anew


def test_a_new_size_or_time_is_not_trusted(root: Path, tmp_path: Path) -> None:
    path = source(tmp_path, "one", old=True)
    memo = Memo(str(root))
    memo.digest(path)
    Path(path).write_text("three")
    os.utime(path, ns=(LONG_AGO_NS, LONG_AGO_NS))
    assert memo.known_hash(path, os.stat(path)) is None
    Path(path).write_text("two")
    os.utime(path, ns=(LONG_AGO_NS + 1, LONG_AGO_NS + 1))
    assert memo.known_hash(path, os.stat(path)) is None
    assert memo.digest(path) == (blob_hash(b"two"), b"two")


def test_readonly_never_writes(root: Path, tmp_path: Path) -> None:
    compute = Counted()
    path = source(tmp_path, "look only")
    memo = Memo(str(root), readonly=True)
    memo.ensure()
    assert memo.derive(path, "words", compute) == [9, "look only"]
    memo.flush()
    assert list(root.iterdir()) == []
    Memo(str(root)).derive(path, "words", Counted())
    assert Memo(str(root), readonly=True).derive(path, "words", compute) == [9, "look only"]
    assert len(compute.calls) == 1  # but it reads what others wrote


def test_no_folder_is_created_until_ensure(tmp_path: Path) -> None:
    folder = tmp_path / "not" / "yet"
    path = source(tmp_path, "data")
    memo = Memo(str(folder))
    assert memo.derive(path, "words", Counted()) == [4, "data"]
    assert not folder.exists()
    again = Memo(str(folder))  # a value is kept in memory for the command: a new one
    again.ensure()
    assert again.derive(path, "words", Counted()) == [4, "data"]
    assert entries(folder) == {f"{blob_hash(b'data')}.words.marshal"}
    assert (folder / INDEX).exists()


def test_without_a_folder_nothing_is_kept(tmp_path: Path) -> None:
    compute = Counted()
    path = source(tmp_path, "data")
    memo = Memo(None)
    memo.ensure()
    assert memo.derive(path, "words", compute) == memo.derive(path, "words", compute)
    assert len(compute.calls) == 1  # kept in memory for the command only
    fresh = Memo(None)
    fresh.ensure()
    assert fresh.load(blob_hash(b"data"), "words") is None
    assert not fresh.has(blob_hash(b"data"), "words")
    assert fresh.derive(path, "words", compute) == [4, "data"]
    assert len(compute.calls) == 2
    assert not fresh.link(blob_hash(b"data"), blob_hash(b"more"), "words")


@pytest.mark.parametrize(
    "broken",
    [b"", b"not marshal at all", marshal.dumps([1, 2]), marshal.dumps({"v": VERSION - 1})],
)
def test_a_broken_entry_is_ignored_and_replaced(root: Path, tmp_path: Path, broken: bytes) -> None:
    compute = Counted()
    path = source(tmp_path, "data")
    Memo(str(root)).derive(path, "words", compute)
    entry = root / f"{blob_hash(b'data')}.words.marshal"
    entry.write_bytes(broken)
    assert Memo(str(root)).load(blob_hash(b"data"), "words") is None
    assert Memo(str(root)).derive(path, "words", compute) == [4, "data"]
    assert len(compute.calls) == 2
    assert marshal.loads(entry.read_bytes()) == {"v": VERSION, "value": [4, "data"]}


@pytest.mark.parametrize(
    "broken", [b"garbage", marshal.dumps({"v": VERSION, "files": []}), marshal.dumps({"v": 0})]
)
def test_a_broken_index_is_an_empty_one(root: Path, tmp_path: Path, broken: bytes) -> None:
    path = source(tmp_path, "data", old=True)
    first = Memo(str(root))
    first.digest(path)
    first.flush()
    assert Memo(str(root)).digest(path)[1] is None
    (root / INDEX).write_bytes(broken)
    memo = Memo(str(root))
    assert memo.index == {}
    assert memo.digest(path) == (blob_hash(b"data"), b"data")


def test_deleting_the_folder_at_any_moment_is_safe(root: Path, tmp_path: Path) -> None:
    compute = Counted()
    path = source(tmp_path, "data")
    memo = Memo(str(root))
    memo.derive(path, "words", compute)
    shutil.rmtree(root)
    assert memo.derive(path, "words", compute) == [4, "data"]  # the index said nothing else
    assert not root.exists()  # not this memo's to create again
    memo.ensure()
    memo.store(blob_hash(b"data"), "words", [1])
    memo.remember(path, os.stat(path), blob_hash(b"data"))
    shutil.rmtree(root)
    memo.flush()
    assert Memo(str(root)).derive(path, "words", compute) == [4, "data"]


def test_a_value_marshal_cannot_hold_is_not_kept(root: Path, tmp_path: Path) -> None:
    path = source(tmp_path, "data")
    assert Memo(str(root)).derive(path, "odd", lambda data: {1, object()}) is not None
    assert entries(root) == set()


def test_a_failed_compute_keeps_nothing_and_a_missing_file_is_an_os_error(
    root: Path, tmp_path: Path
) -> None:
    path = source(tmp_path, "broken")

    def fail(data: bytes) -> object:
        raise ValueError("does not parse")

    with pytest.raises(ValueError, match="does not parse"):
        Memo(str(root)).derive(path, "words", fail)
    assert entries(root) == set()
    with pytest.raises(FileNotFoundError):
        Memo(str(root)).derive(str(tmp_path / "gone.toml"), "words", Counted())


def test_entries_no_file_uses_any_more_are_forgotten(root: Path, tmp_path: Path) -> None:
    first = source(tmp_path, "v1", "a.toml")
    memo = Memo(str(root))
    memo.derive(first, "words", Counted())
    memo.derive(first, "days", Counted())
    Path(first).write_text("v2")
    memo.derive(first, "words", Counted())
    assert entries(root) == {f"{blob_hash(b'v2')}.words.marshal"}


def test_entries_another_file_still_uses_are_kept(root: Path, tmp_path: Path) -> None:
    first = source(tmp_path, "shared", "a.toml")
    second = source(tmp_path, "shared", "b.toml")
    memo = Memo(str(root))
    memo.derive(first, "words", Counted())
    memo.derive(second, "words", Counted())
    Path(first).write_text("mine now")
    memo.derive(first, "words", Counted())
    assert entries(root) == {
        f"{blob_hash(b'shared')}.words.marshal",
        f"{blob_hash(b'mine now')}.words.marshal",
    }


def test_forgetting_in_a_vanished_folder_is_silent(root: Path, tmp_path: Path) -> None:
    path = source(tmp_path, "v1")
    memo = Memo(str(root))
    memo.derive(path, "words", Counted())
    shutil.rmtree(root)
    Path(path).write_text("v2")
    assert memo.derive(path, "words", Counted()) == [2, "v2"]


def test_facts_belong_to_the_bytes_they_were_noted_for(root: Path, tmp_path: Path) -> None:
    path = source(tmp_path, "2026", old=True)
    memo = Memo(str(root))
    digest, _ = memo.digest(path)
    assert memo.fact(path, digest, "tail") is None
    memo.note(path, digest, "tail", 12)
    memo.note(path, "another hash", "tail", 99)  # ignored: not these bytes
    memo.flush()
    again = Memo(str(root))
    assert again.fact(path, digest, "tail") == 12
    assert again.fact(path, blob_hash(b"other"), "tail") is None
    assert again.fact(str(tmp_path / "unknown"), digest, "tail") is None
    Path(path).write_text("2027")
    new_digest, _ = again.digest(path)
    assert again.fact(path, new_digest, "tail") is None


def test_has_and_load_say_whether_a_value_is_kept(root: Path) -> None:
    memo = Memo(str(root))
    assert not memo.has("abc", "days")
    assert memo.load("abc", "days") is None
    memo.store("abc", "days", {"x": [1]})
    assert memo.has("abc", "days")
    assert not memo.has("abc", "sessions")
    assert memo.load("abc", "days") == {"x": [1]}


def test_paths_are_kept_absolute(root: Path, tmp_path: Path, monkeypatch) -> None:
    source(tmp_path, "data", old=True)
    monkeypatch.chdir(tmp_path)
    memo = Memo(str(root))
    memo.digest("file.toml")
    assert list(memo.index) == [str(tmp_path / "file.toml")]
    assert memo_module.os.path.isabs(next(iter(memo.index)))


def test_a_vouched_file_whose_entry_is_gone_is_read_to_compute_again(
    root: Path, tmp_path: Path
) -> None:
    compute = Counted()
    path = source(tmp_path, "settled", old=True)
    first = Memo(str(root))
    first.derive(path, "words", compute)
    for entry in root.glob("*.words.marshal"):
        entry.unlink()
    again = Memo(str(root))
    assert again.digest(path)[1] is None  # the index vouches: the bytes are not read for it
    assert again.derive(path, "words", compute) == [7, "settled"]
    assert compute.calls == [b"settled", b"settled"]
    assert (root / f"{blob_hash(b'settled')}.words.marshal").exists()


def test_a_memo_that_learnt_nothing_writes_nothing(root: Path) -> None:
    memo = Memo(str(root))
    memo.flush()
    assert list(root.iterdir()) == []
    assert memo.index == {}
    memo.flush()
    assert list(root.iterdir()) == []
