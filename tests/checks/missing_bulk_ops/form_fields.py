# path: app/views/preferences.py
# stack: flask flask-sqlalchemy
"""One settings row per field of a submitted form, or of the JSON object a
handler reads from its body: the form bounds the loop, not the data. The
lines of an uploaded file are rows and do grow."""
from flask import Flask, request
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)


class Preference(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80))
    value = db.Column(db.String(200))


@app.route("/preferences", methods=["POST"])
def save_form():
    for name, value in request.form.items():
        db.session.add(Preference(name=name, value=value))
    db.session.commit()
    return "ok"


@app.route("/preferences", methods=["PATCH"])
def save_json():
    body = request.get_json()
    for name in body.keys():
        db.session.add(Preference(name=name, value=str(body[name])))
    db.session.commit()
    return "ok"


@app.route("/preferences/import", methods=["POST"])
def import_file():
    for line in request.files["file"].read().decode().splitlines():
        name, value = line.split("=", 1)
        db.session.add(Preference(name=name, value=value))  # expect: missing_bulk_ops MEDIUM
    db.session.commit()
    return "ok"
