# path: app/routes/reports.py
# stack: fastapi==0.115.6
"""A helper that keeps its result in a module name and builds it only
while that name is unset does its blocking work once per process: the
first request pays, later ones read the name. A slot per key, or one
the helper also clears, is still work per call."""
import json

from fastapi import FastAPI

app = FastAPI()

_settings = None
_theme = None
_fonts: dict = {}
_banner = None


def read_settings_file():
    with open("/etc/reports/settings.json") as fh:
        return json.load(fh)


def get_settings():
    global _settings
    if _settings is None:
        _settings = read_settings_file()
    return _settings


def get_theme():
    global _theme
    if not _theme:
        _theme = read_settings_file()
    return _theme


def get_font(name):
    # one entry per font name: a read per new key, not once
    if _fonts.get(name) is None:
        _fonts[name] = read_settings_file()
    return _fonts[name]


def get_banner(refresh=False):
    # the slot is cleared on demand, so the read is not one-time
    global _banner
    if refresh:
        _banner = None
    if _banner is None:
        _banner = read_settings_file()
    return _banner


@app.get("/reports/settings")
async def show_settings():
    return get_settings()


@app.get("/reports/theme")
async def show_theme():
    return get_theme()


@app.get("/reports/font")
async def show_font(name: str):
    return get_font(name)  # expect: blocking_io HIGH


@app.get("/reports/banner")
async def show_banner():
    return get_banner(refresh=True)  # expect: blocking_io HIGH
