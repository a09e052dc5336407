"""The grid pauses the cyclic collector while it builds, and always turns it back on."""

from __future__ import annotations

import gc

import pytest

from shiftwise.schedule.grid import gc_paused


def test_paused_inside_and_enabled_after_nested_blocks_and_errors() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block is still building
    assert gc.isenabled()
    with pytest.raises(ValueError, match="boom"), gc_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_left_off_when_someone_else_turned_it_off() -> None:
    gc.disable()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
