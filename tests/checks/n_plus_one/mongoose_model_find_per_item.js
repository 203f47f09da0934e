// path: src/routes/teams.js
// stack: express mongoose
// A Mongoose model's static find() with a filter object, awaited once per
// team, is one query per team; Array#find with a callback is not a query.
const express = require("express");
const { Team, Member } = require("../models");

const router = express.Router();

router.get("/teams", async (_req, res) => {
  const teams = await Team.find({ archived: false });
  const out = [];
  for (const t of teams) {
    const members = await Member.find({ team: t._id }); // expect: n_plus_one HIGH
    out.push({ t, members });
  }
  res.json(out);
});

// look-alike: every member in one query ($in), matched in memory
router.get("/teams/all", async (_req, res) => {
  const teams = await Team.find({ archived: false });
  const members = await Member.find({ team: { $in: teams.map((t) => t._id) } });
  res.json(teams.map((t) => ({ t, members: members.filter((m) => m.team.equals(t._id)) })));
});

// look-alike: an array held in a PascalCase constant, searched per id
const Roles = [{ id: "a" }, { id: "b" }];
router.post("/roles", (req, res) => {
  const found = [];
  for (const id of req.body.ids) {
    found.push(Roles.find((r) => r.id === id));
  }
  res.json(found);
});

module.exports = router;
