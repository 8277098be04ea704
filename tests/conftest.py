"""Shared fixtures: a fresh plugin host per test, with only the packs a test asks for."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("CHUYENHOA_DISABLE_PLUGIN_AUTOLOAD", "1")

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO.parent / "shared" / "sources"


@pytest.fixture(autouse=True)
def _fresh_default_host():
    """No test sees another test's plugins through the process-wide host."""
    from chuyenhoa import plugins

    plugins.reset_host()
    yield
    plugins.reset_host()


@pytest.fixture
def tayninh_host():
    import chuyenhoa_tayninh

    from chuyenhoa.plugins import PluginHost

    return PluginHost(autoload=False, plugins=[chuyenhoa_tayninh])
