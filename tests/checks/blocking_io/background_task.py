# path: app/tasks/thumbnails.py
# stack: fastapi==0.115.6 arq==0.26.1
"""A background job: MEDIUM, lowered to LOW by SPEC 4 rule 6 (a tasks/ path)."""
import subprocess


async def make_thumbnail(path: str) -> None:
    subprocess.run(["convert", path, "-resize", "128x128", path + ".thumb.png"], check=True)  # expect: blocking_io LOW
