"""What every request handler reaches: the workbench, the bounds and the worker threads' limiter."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import anyio
from starlette.requests import Request

from termloc.serve.bounds import Bounds, run_bounded
from termloc.serve.state import Workbench

__all__ = ["Runtime", "runtime"]

_T = TypeVar("_T")


@dataclass
class Runtime:
    """The app's workbench and bounds; a limiter of `Bounds.workers` threads per event loop."""

    workbench: Workbench
    bounds: Bounds
    _limiters: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.CapacityLimiter] = field(
        default_factory=weakref.WeakKeyDictionary
    )

    def limiter(self) -> anyio.CapacityLimiter:
        """The running event loop's limiter (an app may outlive a loop: a test client makes its own)."""
        loop = asyncio.get_running_loop()
        found = self._limiters.get(loop)
        if found is None:
            found = self._limiters[loop] = self.bounds.limiter()
        return found

    async def bounded(self, work: Callable[[], _T], *, timeout: float | None = None) -> _T:
        """``work()`` in a worker thread, at most ``timeout`` seconds (`Bounds.timeout` by default)."""
        return await run_bounded(work, self.limiter(), self.bounds.timeout if timeout is None else timeout)


def runtime(request: Request) -> Runtime:
    """The runtime of the app that ``request`` reached."""
    found = request.app.state.runtime
    assert isinstance(found, Runtime)
    return found
