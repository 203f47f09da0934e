# path: app/codec/chunks.py
"""`+=` on the loop's own variable changes the current item only: the
next pass binds a fresh one, so nothing is carried over. A string kept
across passes still grows."""
import base64


def decode_parts(blob: str) -> bytes:
    out = b""
    # look-alike: each part padded to a multiple of four, then dropped
    for part in blob.split("|"):
        part += "=" * (-len(part) % 4)
        out += base64.b64decode(part)
    return out


def labels(pairs) -> list:
    result = []
    # look-alike: the second name of the pair, rebound on every pass
    for key, label in pairs:
        label += ":"
        result.append(key + label)
    return result


def joined(parts) -> str:
    text = ""
    # positive: text is kept from one pass to the next
    for part in parts:
        part += ";"
        text += part  # expect: string_concat_loop MEDIUM
    return text
