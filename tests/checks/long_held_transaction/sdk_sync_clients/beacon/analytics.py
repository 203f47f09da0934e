"""Two analytics clients built once at import time. The product-usage one
is built with sync_mode=True, so each of its calls blocks on an HTTP
request to the analytics host; the other keeps the SDK's default
background queue, so a call only appends to an in-memory queue."""
from posthog import Posthog

usage = Posthog("phc_example", host="https://analytics.example.com", sync_mode=True)
events = Posthog("phc_example", host="https://analytics.example.com")
