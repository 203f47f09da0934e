// path: src/routes/invites.ts
// stack: express @prisma/client
// A $transaction callback that writes through the outer `prisma` client:
// the transaction it opened is never used, each write commits alone.
import express from 'express';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
export const invites = express.Router();

// No parameter at all: the token and the user flag commit separately.
invites.post('/email-change', async (req, res) => {
  await prisma.$transaction(async () => { // expect: transaction_narrow MEDIUM
    await prisma.verificationToken.create({ data: { identifier: req.body.old, token: req.body.token } });
    await prisma.user.update({ where: { email: req.body.old }, data: { pendingEmail: req.body.next } });
  });
  res.sendStatus(204);
});

// Given `tx` but writes the team and its membership on `prisma`.
invites.post('/teams', async (req, res) => {
  const team = await prisma.$transaction(async (tx) => { // expect: transaction_narrow HIGH
    const created = await prisma.team.create({ data: { name: req.body.name } });
    await prisma.teamUser.create({ data: { teamId: created.id, userId: req.body.userId, role: 'owner' } });
    return created;
  });
  res.json(team);
});

// Half and half: one write on tx, the cleanup on the outer client.
invites.delete('/teams/:id', async (req, res) => {
  const id = Number(req.params.id);
  await prisma.$transaction(async (tx) => { // expect: transaction_narrow MEDIUM
    await tx.teamUser.deleteMany({ where: { teamId: id } });
    await prisma.team.delete({ where: { id } });
  });
  res.sendStatus(204);
});

// The transaction promise handled with .catch: the import commits row by row.
export async function importBookmarks(userId: number, items: { url: string }[]) {
  await prisma // expect: transaction_narrow HIGH
    .$transaction(
      async () => {
        const folder = await prisma.collection.create({ data: { name: 'Imports', ownerId: userId } });
        for (const item of items) {
          await prisma.link.create({ data: { url: item.url, collectionId: folder.id } }); // expect: missing_bulk_ops MEDIUM
        }
      },
      { timeout: 30000 }
    )
    .catch((err) => console.log(err));
}
