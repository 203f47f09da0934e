# path: app/render/csv_export.py
"""Strings grown inside loops over data."""


def render_rows(rows: list[dict]) -> str:
    out = "id,name,total\n"
    for row in rows:
        out += f"{row['id']},{row['name']},{row['total']}\n"  # expect: string_concat_loop MEDIUM
    return out


def render_tags(products) -> str:
    html = ""
    for product in products:
        for tag in product.tags:
            html += "<span>" + tag + "</span>"  # expect: string_concat_loop MEDIUM
    return html
