// path: src/controllers/teams/shareWithChildren.ts
// stack: next @prisma/client
// createMany is the bulk insert, but called once per child team it sends
// one INSERT per child: the rows of every child fit in one createMany.
import { prisma } from '@acme/db';

type Grant = { userId: number; canEdit: boolean };

export async function shareWithChildren(children: { id: number }[], grants: Grant[]) {
  for (const child of children) {
    await prisma.teamGrant.createMany({ // expect: missing_bulk_ops MEDIUM
      data: grants.map((g) => ({ teamId: child.id, userId: g.userId, canEdit: g.canEdit })),
    });
  }
}

// Look-alike: one createMany per chunk of rows is the batching itself.
export async function importGrants(rows: Grant[], teamId: number) {
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    await prisma.teamGrant.createMany({ data: batch.map((g) => ({ teamId, ...g })) });
  }
}

// Look-alike: every child's rows collected first, one createMany after.
export async function shareAtOnce(children: { id: number }[], grants: Grant[]) {
  const rows = children.flatMap((child) =>
    grants.map((g) => ({ teamId: child.id, userId: g.userId, canEdit: g.canEdit }))
  );
  await prisma.teamGrant.createMany({ data: rows });
}
