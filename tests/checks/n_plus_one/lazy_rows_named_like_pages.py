# path: cms/views.py
# stack: flask flask-sqlalchemy
"""A model named Page: `for page in Page.query...` walks rows, not pages of
results, so its lazy relationships still count."""
from flask import Flask, jsonify
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)


class Page(db.Model):
    __tablename__ = "pages"
    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(120), unique=True)
    published = db.Column(db.Boolean, default=False)
    blocks = db.relationship("Block", backref="page")


class Block(db.Model):
    __tablename__ = "blocks"
    id = db.Column(db.Integer, primary_key=True)
    page_id = db.Column(db.Integer, db.ForeignKey("pages.id"))
    body = db.Column(db.Text)


@app.route("/sitemap")
def sitemap():
    out = []
    for page in Page.query.filter_by(published=True):
        out.append({"slug": page.slug, "blocks": len(page.blocks)})  # expect: n_plus_one HIGH
    return jsonify(out)


@app.route("/sizes")
def sizes():
    out = {}
    # look-alike: chunks of ids, one IN query per chunk, columns only
    ids = [p.id for p in Page.query.with_entities(Page.id)]
    for chunk in (ids[i:i + 100] for i in range(0, len(ids), 100)):
        for block in Block.query.filter(Block.page_id.in_(chunk)):
            out[block.id] = len(block.body or "")
    return jsonify(out)
