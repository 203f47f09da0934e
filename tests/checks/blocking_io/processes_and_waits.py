# path: app/jobs/runner.py
"""Process creation and waiting on the event loop of a background worker.

Under jobs/, SPEC 4 rule 6 lowers blocking_io one level: MEDIUM -> LOW.
"""
import asyncio
import os
import subprocess


async def start_encoder(src: str) -> int:
    # creating the process forks and execs on the loop
    proc = subprocess.Popen(["ffmpeg", "-i", src, "out.mp4"])  # expect: blocking_io LOW
    # the wait blocks until the encoder exits
    return proc.wait()  # expect: blocking_io LOW


async def start_detached(script: str) -> int:
    return os.spawnl(os.P_NOWAIT, "/bin/sh", "sh", script)  # expect: blocking_io LOW


async def run_and_wait(script: str) -> int:
    return os.spawnv(os.P_WAIT, "/bin/sh", ["sh", script])  # expect: blocking_io LOW


async def spawn_posix(argv: list[str]) -> int:
    return os.posix_spawnp(argv[0], argv, dict(os.environ))  # expect: blocking_io LOW


async def reap(pid: int) -> None:
    os.waitpid(pid, 0)  # expect: blocking_io LOW
    os.wait()  # expect: blocking_io LOW
    os.wait4(pid, 0)  # expect: blocking_io LOW


async def git_revision() -> str:
    return subprocess.getoutput("git rev-parse HEAD")  # expect: blocking_io LOW


async def supervise(argv: list[str]) -> int:
    # look-alikes: asyncio's subprocess API, process-table reads, a poll
    proc = await asyncio.create_subprocess_exec(*argv)
    code = await proc.wait()
    if os.getpid() == 1:
        code = 0
    return code
