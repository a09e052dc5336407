"""The cyclic garbage collector in a long-running process.

Two measures, both because a full collection walks every tracked object:

- `frozen_while_running`: what is alive once a process has started (modules, the
  app and its routes, SQLAlchemy's and pydantic's compiled schemas: ~140,000 objects
  in the API) lives as long as the process, yet every full collection walked it
  again: ~80 ms, landing in whichever request crossed the threshold (one candidates
  request in four took 125-160 ms instead of 45-70). Frozen, a full collection takes
  2-3 ms. The objects are handed back to the collector when the process stops.
- `paused`: off while a request builds tens of thousands of short-lived objects
  that all live until its answer is sent (the week grid).

Both nest and may overlap (an embedded worker starts inside the API's lifespan;
tests start many apps in one process): the last to end undoes what the first did.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_paused = 0
_frozen = 0


@contextmanager
def paused() -> Iterator[None]:
    """The collector off for the block. Reference counting still frees everything;
    cycles wait for the collector's next run after the block (a 300-person week grid
    ran it ~70 times a request, about a third of its CPU, re-walking the objects it
    was building). Nested and concurrent blocks re-enable it when the last ends; one
    turned off by someone else is left as found."""
    global _paused
    if _paused == 0 and not gc.isenabled():
        yield
        return
    _paused += 1
    gc.disable()
    try:
        yield
    finally:
        _paused -= 1
        if _paused == 0:
            gc.enable()


def freeze() -> None:
    """Everything alive now out of the collector's sight, until the matching `thaw`."""
    global _frozen
    _frozen += 1
    gc.freeze()


def thaw() -> None:
    """Undo a `freeze`: when the last is undone, the frozen objects are collectable
    again (and whatever became garbage meanwhile is freed by the next full run)."""
    global _frozen
    if _frozen == 0:
        return
    _frozen -= 1
    if _frozen == 0:
        gc.unfreeze()


@contextmanager
def frozen_while_running() -> Iterator[None]:
    """`freeze` for the block (a process's running life), then `thaw`."""
    freeze()
    try:
        yield
    finally:
        thaw()
