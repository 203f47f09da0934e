// path: src/routes/boards.ts
// stack: express @prisma/client
// Look-alikes: callbacks that do use their transaction client.
import express from 'express';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
export const boards = express.Router();

// Every write on tx.
boards.post('/boards', async (req, res) => {
  const board = await prisma.$transaction(async (tx) => {
    const b = await tx.board.create({ data: { name: req.body.name } });
    await tx.boardMember.create({ data: { boardId: b.id, userId: req.body.userId } });
    return b;
  });
  res.json(board);
});

// The parameter shadows the outer client: `prisma` inside is the transaction.
boards.delete('/boards/:id', async (req, res) => {
  const id = Number(req.params.id);
  await prisma.$transaction(async (prisma) => {
    await prisma.boardMember.deleteMany({ where: { boardId: id } });
    await prisma.board.delete({ where: { id } });
  });
  res.sendStatus(204);
});

// Reads on the outer client and a single write: nothing to split.
boards.patch('/boards/:id', async (req, res) => {
  const id = Number(req.params.id);
  const updated = await prisma.$transaction(async () => {
    const current = await prisma.board.findUnique({ where: { id } });
    return prisma.board.update({ where: { id }, data: { name: req.body.name ?? current?.name } });
  });
  res.json(updated);
});
