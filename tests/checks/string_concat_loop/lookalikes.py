# path: app/render/labels.py
"""Look-alikes: nothing here grows quadratically."""


def label_lines(parcels) -> list[str]:
    lines = []
    for parcel in parcels:
        # reset at the start of every iteration: a fresh short string each time
        line = parcel.code
        line += " / " + parcel.city
        lines.append(line)
    return lines


def header(fields: dict) -> str:
    # a small literal tuple: three appends, whatever the data
    text = ""
    for key in ("sender", "recipient", "weight"):
        text += f"{key}={fields[key]};"
    return text


def total_weight(parcels) -> int:
    grams = 0
    for parcel in parcels:
        grams += parcel.grams
    return grams


def manifest(parcels) -> str:
    return "\n".join(p.code for p in parcels)
