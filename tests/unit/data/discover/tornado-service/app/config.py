# Not Django: a settings dict under another name is not DATABASES.
MY_DATABASES = {"default": {"ENGINE": "postgres", "CONN_MAX_AGE": 0}}
