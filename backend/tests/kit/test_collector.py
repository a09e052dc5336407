"""The collector measures (kit/collector.py): paused while a grid builds, the started
process frozen while it runs, and both always undone by the last block to end."""

from __future__ import annotations

import gc
import weakref

import pytest

from shiftwise.app import create_app
from shiftwise.config import Settings
from shiftwise.kit import collector


def test_paused_inside_and_enabled_after_nested_blocks_and_errors() -> None:
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block is still building
    assert gc.isenabled()
    with pytest.raises(ValueError, match="boom"), collector.paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_left_off_when_someone_else_turned_it_off() -> None:
    gc.disable()
    try:
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_frozen_objects_are_skipped_until_the_last_block_ends() -> None:
    assert gc.get_freeze_count() == 0
    node = _Node()
    alive = weakref.ref(node)
    with collector.frozen_while_running():
        assert gc.get_freeze_count() > 0
        del node
        gc.collect()
        assert alive() is not None  # frozen with the process: not looked at
        with collector.frozen_while_running():  # e.g. an embedded worker inside the API
            pass
        gc.collect()
        assert alive() is not None  # the outer block is still running
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert alive() is None  # handed back, and freed once garbage


def test_frozen_block_thawed_after_an_error() -> None:
    with pytest.raises(RuntimeError, match="stop"), collector.frozen_while_running():
        raise RuntimeError("stop")
    assert gc.get_freeze_count() == 0
    collector.thaw()  # an unmatched thaw does nothing
    assert gc.get_freeze_count() == 0


async def test_the_app_freezes_what_it_started_with_and_thaws_when_it_stops(
    settings: Settings,
) -> None:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
