// path: src/routes/boards.js
// stack: express objection knex pg
// Objection chains one helper away, called once per board or card: the
// helpers' summaries must know they read and write, though the model
// builder rule is gated on the stack.
const express = require("express");
const { Board, Card } = require("../models");

const router = express.Router();

async function cardsOf(boardId) {
  return Card.query().where("boardId", boardId);
}

async function archive(cardId) {
  await Card.query().patch({ archived: true }).where("id", cardId);
}

router.get("/boards", async (_req, res) => {
  const boards = await Board.query();
  for (const b of boards) {
    b.cards = await cardsOf(b.id); // expect: n_plus_one HIGH
  }
  res.json(boards);
});

router.post("/cards/archive", async (req, res) => {
  for (const id of req.body.ids) {
    await archive(id); // expect: n_update_delete_loop HIGH
  }
  res.sendStatus(204);
});

// look-alike: every card of every board in one query
router.get("/boards/all", async (_req, res) => {
  const boards = await Board.query();
  const cards = await Card.query().whereIn("boardId", boards.map((b) => b.id));
  res.json({ boards, cards });
});

module.exports = router;
