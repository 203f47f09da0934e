# path: app/links.py
"""Building a query string over the keyword arguments of a call: their number
is what the call site writes, so the string stays short. The same
concatenation over a list handed in keeps growing with the data."""


def link(path: str, **query) -> str:
    # look-alike: a handful of keyword arguments
    suffix = "?"
    for key, value in query.items():
        suffix += f"{key}={value}&"
    return path + suffix


def link_keys(path: str, **flags) -> str:
    # look-alike: iterating the mapping itself
    out = path + "#"
    for name in flags:
        out += name + ";"
    return out


def link_all(path: str, pairs: dict) -> str:
    suffix = "?"
    for key, value in pairs.items():
        suffix += f"{key}={value}&"  # expect: string_concat_loop MEDIUM
    return path + suffix


def csv_rows(rows: list, **options) -> str:
    sep = options.get("sep", ",")
    body = ""
    for row in rows:
        for key, value in options.items():
            body += f"{key}{sep}{value}"  # expect: string_concat_loop MEDIUM
        body += "\n"  # expect: string_concat_loop MEDIUM
    return body
