# path: app/integrations/rates.py
"""Pooled HTTP clients hold sockets until closed: one never closed is
reported; closed at the end, managed by `with`, returned to the caller,
kept on the instance or kept for the process (a module global) is not."""
import httpx
import requests

_shared = None


def fetch_rates(codes):
    session = requests.Session()  # expect: missing_cleanup MEDIUM
    rates = {}
    for code in codes:
        rates[code] = session.get(f"https://rates.example/{code}", timeout=5).json()
    return rates


async def ping(url):
    client = httpx.AsyncClient(timeout=3)  # expect: missing_cleanup MEDIUM
    reply = await client.get(url)
    return reply.status_code


def fetch_once(url):
    with requests.Session() as s:
        return s.get(url, timeout=5).text


async def fetch_closed(url):
    client = httpx.AsyncClient(timeout=3)
    reply = await client.get(url)
    await client.aclose()
    return reply.text


def make_client():
    return httpx.Client(timeout=5)


class RatesApi:
    def __init__(self):
        self.http = httpx.Client(timeout=5)

    def close(self):
        self.http.close()


def setup():
    global _shared
    _shared = httpx.Client(timeout=5)
