// path: src/controllers/labels/saveLabels.ts
// stack: next @prisma/client
// `upsert` per posted label: an INSERT ... ON CONFLICT (or a read and a
// write) per item, one round trip each; the labels can be written with
// createMany({ skipDuplicates }) plus one updateMany, or batched in one
// $transaction([...]).
import { prisma } from '@acme/db';

type Label = { name: string; color: string };

export async function saveLabels(ownerId: number, labels: Label[]) {
  const saved = [];
  for (const label of labels) {
    const row = await prisma.label.upsert({ // expect: n_update_delete_loop HIGH
      where: { name_ownerId: { name: label.name, ownerId } },
      update: { color: label.color },
      create: { name: label.name, color: label.color, ownerId },
    });
    saved.push(row);
  }
  return saved;
}

// Look-alike: the statements are built by the map and sent as one batch
// transaction.
export async function saveLabelsBatched(ownerId: number, labels: Label[]) {
  return prisma.$transaction(
    labels.map((label) =>
      prisma.label.upsert({
        where: { name_ownerId: { name: label.name, ownerId } },
        update: { color: label.color },
        create: { name: label.name, color: label.color, ownerId },
      })
    )
  );
}

// Look-alike: one counter row, the same on every pass (not per item).
export async function countVisits(pages: string[]) {
  for (const page of pages) {
    console.log(page);
    await prisma.counter.upsert({
      where: { id: 'visits' },
      update: { total: { increment: 1 } },
      create: { id: 'visits', total: 1 },
    });
  }
}

// Look-alike: the same batch, the statements built first and handed to
// $transaction through a variable.
export async function saveLabelsInOneTransaction(ownerId: number, labels: Label[]) {
  const statements = labels.map((label) =>
    prisma.label.upsert({
      where: { name_ownerId: { name: label.name, ownerId } },
      update: { color: label.color },
      create: { name: label.name, color: label.color, ownerId },
    })
  );
  return prisma.$transaction(statements);
}
