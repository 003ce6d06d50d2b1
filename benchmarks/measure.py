"""One benchmark measurement in its own process: wall time and peak resident memory.

The child runs ``module.function(*args)`` and reports the peak RSS of itself
(``parent_mb``) and of the largest of its own child processes (``workers_mb``,
0 when it started none), so no measurement inherits another's peak.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time


def measure(module: str, function: str, *args: str) -> dict[str, float]:
    """Run ``module.function(*args)`` in a fresh interpreter; its wall time and peak memories."""
    script = (
        "import json, resource, sys\n"
        f"from {module} import {function}\n"
        f"{function}(*sys.argv[1:])\n"
        "print(json.dumps({'parent_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,\n"
        "                  'workers_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))\n"
    )
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{module}.{function}{args} failed:\n{done.stderr[-2000:]}")
    return {"wall_s": wall, **json.loads(done.stdout.strip().splitlines()[-1])}
