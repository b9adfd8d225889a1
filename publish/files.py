"""File-system edges: atomic writes, so a failed or killed build never leaves half a file."""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from publish.errors import EnvironmentProblem


@contextlib.contextmanager
def atomic_path(dest: Path) -> Iterator[Path]:
    """Yield a temporary path next to `dest`; on success it replaces `dest` in one rename.

    On any exception the temporary file is removed and `dest` is left as it was.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        tmp_path.chmod(0o644)  # mkstemp makes 0600; outputs are ordinary shared files
        tmp_path.replace(dest)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def scratch_path(dest: Path) -> Iterator[Path]:
    """Yield a temporary path next to `dest` for an intermediate file, removed on exit.

    Named like `atomic_path`'s (`.<name>.<random>.tmp`): a build killed while writing it
    leaves no file under an output's name, and the next build removes it as stale."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    os.close(fd)
    try:
        yield Path(tmp)
    finally:
        Path(tmp).unlink(missing_ok=True)


def write_text_atomic(dest: Path, text: str) -> Path:
    with atomic_path(dest) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return dest


def write_bytes_atomic(dest: Path, data: bytes) -> Path:
    with atomic_path(dest) as tmp:
        tmp.write_bytes(data)
    return dest


LOCK_NAME = ".publish.lock"


@contextlib.contextmanager
def exclusive(directory: Path, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the build lock of an output directory, waiting for another holder to finish.

    Two builds into one directory would otherwise interleave an input's outputs with another
    build's stamp, so the next incremental build could trust a file made with other settings.
    The lock is advisory (`flock`) and released by the kernel if the holder is killed.
    """
    with _open_lock(directory) as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait(f"waiting for another build into {directory} to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            remove_stale_temporaries(directory)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _open_lock(directory: Path) -> IO[str]:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        return (directory / LOCK_NAME).open("a+")
    except OSError as exc:
        raise EnvironmentProblem(
            f"cannot write to the output directory: {exc.strerror}",
            path=directory,
            hint="choose a writable output directory with -o (or [build] output)",
        ) from exc


def remove_stale_temporaries(directory: Path) -> list[Path]:
    """Delete the temporary files of builds that were killed mid-write.

    Only call this while holding `exclusive(directory)`: then no other build is writing here,
    so every `.<name>.<random>.tmp` left by `atomic_path` is an orphan.
    """
    stale = [p for pattern in (".*.tmp", "*/.*.tmp") for p in directory.glob(pattern)]
    for path in stale:
        path.unlink(missing_ok=True)
    return stale
