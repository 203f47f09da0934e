# path: app/exports/ledger.py
"""A resource closed in `finally` but acquired before statements that may
raise ahead of the `try` leaks when they do."""
import csv


def export_late(path, rows, fmt):
    fh = open(path, "w")  # expect: error_path_leak MEDIUM
    header = fmt.header_for(rows)
    try:
        fh.write(header)
        csv.writer(fh).writerows(rows)
    finally:
        fh.close()


def export_at_once(path, rows):
    fh = open(path, "w")
    try:
        csv.writer(fh).writerows(rows)
    finally:
        fh.close()


def export_after_plain_assignments(path, rows):
    fh = open(path, "w")
    count = 0
    try:
        for row in rows:
            fh.write(row)
            count += 1
    finally:
        fh.close()
    return count
