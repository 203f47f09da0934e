// path: src/routes/boards.js
// stack: express objection knex pg
// Objection models start Knex-like chains with query() (also reached
// through a registry object) and $relatedQuery(); awaited once per board,
// each is one SELECT per board.
const express = require("express");
const { Board, Card } = require("../models");
const registry = require("../registry");

const router = express.Router();

router.get("/boards", async (_req, res) => {
  const boards = await Board.query();
  for (const b of boards) {
    b.cards = await Card.query().where("boardId", b.id); // expect: n_plus_one HIGH
    b.owner = await registry.models.users.query().findById(b.ownerId); // expect: n_plus_one HIGH
    b.labels = await b.$relatedQuery("labels"); // expect: n_plus_one HIGH
  }
  res.json(boards);
});

// look-alike: the relation fetched with the boards, one query per relation
router.get("/boards/graph", async (_req, res) => {
  res.json(await Board.query().withGraphFetched("[cards, labels]"));
});

// look-alike: one query for every board, grouped in memory
router.get("/boards/cards", async (_req, res) => {
  const boards = await Board.query();
  const cards = await Card.query().whereIn("boardId", boards.map((b) => b.id));
  res.json(boards.map((b) => ({ b, cards: cards.filter((c) => c.boardId === b.id) })));
});

module.exports = router;
