// path: src/routes/teams.ts
// stack: express @prisma/client
// Per-item reads in Express handlers on Prisma: for...of, forEach and
// Promise.all(xs.map(async ...)) all issue one query per row.
import express from 'express';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
export const teams = express.Router();

teams.get('/teams', async (req, res) => {
  const rows = await prisma.team.findMany({ where: { archived: false } });
  for (const team of rows) {
    team.owner = await prisma.user.findUnique({ where: { id: team.ownerId } }); // expect: n_plus_one HIGH
  }
  res.json(rows);
});

teams.get('/teams/:id/members', async (req, res) => {
  const members = await prisma.member.findMany({ where: { teamId: Number(req.params.id) } });
  await Promise.all(members.map(async (mb) => {
    mb.profile = await prisma.profile.findFirst({ where: { userId: mb.userId } }); // expect: n_plus_one HIGH
  }));
  res.json(members);
});

async function countProjects(req, res) {
  const rows = await prisma.team.findMany();
  const counts = [];
  rows.forEach(async (team) => {
    counts.push(await prisma.project.count({ where: { teamId: team.id } })); // expect: n_plus_one HIGH
  });
  res.json(counts);
}
teams.get('/teams/project-counts', countProjects);

// Look-alikes: lookups in memory, one query for all keys after the loop,
// a loop over three fixed names.
teams.get('/teams/tree', async (req, res) => {
  const rows = await prisma.team.findMany();
  const byId = new Map(rows.map((t) => [t.id, t]));
  for (const team of rows) {
    team.parent = byId.get(team.parentId);
    team.sibling = rows.find((x) => x.parentId === team.parentId && x.id !== team.id);
  }
  const owners = await prisma.user.findMany({ where: { id: { in: rows.map((t) => t.ownerId) } } });
  const flags = {};
  for (const key of ['billing', 'audit', 'beta']) {
    flags[key] = await prisma.setting.findUnique({ where: { key } });
  }
  res.json({ rows, owners, flags });
});
