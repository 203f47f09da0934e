// path: src/routes/teams.js
// stack: express mongoose
// A Mongoose model's static find() one helper away: membersOf() runs one
// query, and the handler calls it once per team. The helper's summary
// must know it reads, though the model-class rule is gated on the stack.
const express = require("express");
const { Team, Member } = require("../models");

const router = express.Router();

function membersOf(teamId) {
  return Member.find({ team: teamId });
}

// look-alike: a helper that searches a constant array by callback
const Roles = [{ id: "a" }, { id: "b" }];
function roleOf(id) {
  return Roles.find((r) => r.id === id);
}

router.get("/teams", async (_req, res) => {
  const teams = await Team.find({ archived: false });
  const out = [];
  for (const t of teams) {
    const members = await membersOf(t._id); // expect: n_plus_one HIGH
    out.push({ t, members });
  }
  res.json(out);
});

router.get("/teams/roles", async (_req, res) => {
  const teams = await Team.find({ archived: false });
  const out = [];
  for (const t of teams) {
    out.push({ t, role: await roleOf(t.roleId) });
  }
  res.json(out);
});

module.exports = router;
