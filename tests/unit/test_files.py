"""Atomic writes and the output-directory lock."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from publish.files import atomic_path, exclusive, remove_stale_temporaries, write_text_atomic


def test_atomic_write_replaces_in_one_step(tmp_path: Path) -> None:
    dest = write_text_atomic(tmp_path / "a" / "out.txt", "新")
    assert dest.read_text("utf-8") == "新"
    assert [p.name for p in dest.parent.iterdir()] == ["out.txt"]


def test_a_failed_write_leaves_the_previous_file(tmp_path: Path) -> None:
    dest = write_text_atomic(tmp_path / "out.txt", "旧")
    with pytest.raises(RuntimeError), atomic_path(dest) as tmp:
        tmp.write_text("半", encoding="utf-8")
        raise RuntimeError
    assert dest.read_text("utf-8") == "旧"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_second_holder_waits_for_the_first(tmp_path: Path) -> None:
    events: list[str] = []
    entered = threading.Event()

    def second() -> None:
        with exclusive(tmp_path, on_wait=events.append):
            events.append("second in")
            entered.set()

    with exclusive(tmp_path):
        thread = threading.Thread(target=second)
        thread.start()
        assert not entered.wait(0.3)  # blocked while the first holds the lock
        events.append("first out")
    thread.join(5)
    assert entered.is_set()
    assert events[0].startswith("waiting for another build into")
    assert events[1:] == ["first out", "second in"]


def test_an_uncontended_lock_does_not_announce_waiting(tmp_path: Path) -> None:
    events: list[str] = []
    with exclusive(tmp_path / "new", on_wait=events.append):
        pass
    assert events == []


def test_orphaned_temporaries_are_removed_under_the_lock(tmp_path: Path) -> None:
    keep = [tmp_path / "a" / "a.epub", tmp_path / "report.json", tmp_path / "a" / ".publish-stamp"]
    orphans = [tmp_path / ".report.json.k3j2.tmp", tmp_path / "a" / ".a.epub.x8f1.tmp"]
    for path in keep + orphans:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    with exclusive(tmp_path):
        assert all(p.exists() for p in keep)
        assert not any(p.exists() for p in orphans)
    assert remove_stale_temporaries(tmp_path) == []
