# path: mirror/pull.py
# stack: django
"""A read per item of what a remote service answered (SPEC 11: parsed
input): the answer grows with the other service's data, not with ours."""
import requests
from django.conf import settings
from django.db import models


class Station(models.Model):
    code = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=80)


class Reading(models.Model):
    station = models.ForeignKey(Station, on_delete=models.CASCADE)
    value = models.FloatField()


def fetch_listing(url):
    # a project helper that only talks to the remote service
    while url:
        body = requests.get(url, timeout=10).json()
        url = body.get("next")
        yield from body["items"]


class FeedClient:
    def __init__(self, base):
        self.base = base

    def get(self, path):
        return requests.get(self.base + path, timeout=10).json()


def pull_readings(base_url):
    for item in fetch_listing(base_url + "/readings"):
        station = Station.objects.get(code=item["station"])  # expect: n_plus_one MEDIUM
        Reading(station=station, value=item["value"])


def pull_directly(url):
    resp = requests.get(url, timeout=10)
    payload = resp.json()
    for row in payload["stations"]:
        Station.objects.filter(code=row["code"]).first()  # expect: n_plus_one MEDIUM


class Mirror:
    def __init__(self, base):
        self._feed = FeedClient(base)

    def pull_accumulated(self):
        collected = []
        offset = 0
        while True:
            got = self._feed.get("/stations?offset=%d" % offset)
            collected = collected + got
            offset += len(got)
            if len(got) < 50:
                break
        for entry in sorted(collected, key=lambda e: e["code"]):
            Station.objects.get(code=entry["code"])  # expect: n_plus_one MEDIUM


def pull_nested(base):
    for item in fetch_listing(base + "/bundles"):
        found = [Station.objects.get(code=c) for c in item["codes"]]  # expect: n_plus_one MEDIUM
        del found


# look-alikes: the function fetches from the remote service, but the loop
# walks something small and fixed; the read per item stays silent


def pull_fixed_codes(base):
    body = requests.get(base + "/status", timeout=10).json()
    for code in ("NORTH", "SOUTH", "EAST"):
        Station.objects.get(code=code, name=body[code])


def pull_configured(base):
    requests.get(base + "/ping", timeout=10)
    for code in settings.MIRROR_STATIONS:
        Station.objects.get(code=code)


def pull_retries(base):
    for attempt in range(3):
        body = requests.get(base + "/first", timeout=10).json()
        Station.objects.get(code=body["code"], name=str(attempt))


def pull_one_answer_fields(base):
    body = requests.get(base + "/station", timeout=10).json()
    for field in Station._meta.get_fields():
        Station.objects.filter(code=body["code"]).values(field.name).first()


def pull_first_only(base):
    for item in fetch_listing(base + "/readings"):
        return Station.objects.get(code=item["station"])
    return None
