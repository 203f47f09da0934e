# path: shop/views/picks.py
# stack: flask flask-sqlalchemy
"""Bulk actions of a table: the browser posts the ids the user ticked as a
JSON array. The array is as long as the selection, so one query per id
is one round trip per ticked row where `WHERE id IN (...)` would do.
The fields of the body itself, a form's few checkboxes and a loop that
ends at the first id it finds are no such list."""
import json

from flask import Flask, request
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)


class Product(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    label = db.Column(db.String(80))
    sku = db.Column(db.String(40))


@app.route("/picks/labels", methods=["POST"])
def picked_labels():
    ticked = request.get_json().get("ticked")
    labels = []
    for pid in ticked:
        labels.append(Product.query.filter(Product.id == pid).first().label)  # expect: n_plus_one HIGH
    return json.dumps(labels)


@app.route("/picks/skus", methods=["POST"])
def picked_skus():
    payload = request.json
    wanted = payload["Wanted"]
    out = []
    for entry in wanted:
        out.append(Product.query.filter(Product.sku == entry["Sku"]).first())  # expect: n_plus_one HIGH
    return json.dumps([p.id for p in out if p])


@app.route("/picks/settings", methods=["POST"])
def picked_settings():
    # the keys of the one settings object posted: bounded by the form
    settings = request.get_json()
    names = []
    for key in settings:
        names.append(Product.query.filter(Product.label == key).first())
    return json.dumps(len(names))


@app.route("/picks/form", methods=["POST"])
def picked_from_form():
    # a form's multi-valued field: the few boxes of one edit page
    found = []
    for pid in request.form.getlist("remove"):
        found.append(Product.query.filter(Product.id == pid).first())
    return json.dumps(len(found))


@app.route("/picks/first", methods=["POST"])
def first_existing():
    # ends at the first id that exists: one lookup when the ids are valid
    for pid in request.get_json().get("candidates"):
        product = Product.query.filter(Product.id == pid).first()
        if product:
            return json.dumps(product.label)
    return json.dumps(None)
