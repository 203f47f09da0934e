import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

// A background job: a helper picks a batch of sections (stamping the
// books it picked them from), and each section is summarised.
async function pickBatch(size: number) {
  if (size <= 0) return [];
  const batch = await prisma.section.findMany({ where: { summary: null }, take: size, include: { book: true } });
  await prisma.book.updateMany({ where: { id: { in: batch.map((s) => s.bookId) } }, data: { pickedAt: new Date() } });
  return batch;
}

// look-alike: this helper claims the rows it hands back (it writes the
// same model after reading it), so a fresh read in the callee is wanted
async function claimBatch(size: number) {
  const batch = await prisma.section.findMany({ where: { summary: null }, take: size });
  await prisma.section.updateMany({ where: { id: { in: batch.map((s) => s.id) } }, data: { claimedAt: new Date() } });
  return batch;
}

async function summarise(sectionId: string) {
  const section = await prisma.section.findUnique({ where: { id: sectionId } }); // expect: n_plus_one MEDIUM
  if (!section) return;
  await prisma.section.update({ where: { id: sectionId }, data: { summary: (section.body ?? '').slice(0, 200) } });
}

export async function summariseBatch() {
  const sections = await pickBatch(20);
  await Promise.all(
    sections.map(async (s) => {
      await summarise(s.id); // expect: redundant_fetch LOW, n_update_delete_loop HIGH
    }),
  );
}

export async function summariseClaimed() {
  const sections = await claimBatch(20);
  await Promise.all(
    sections.map(async (s) => {
      await summarise(s.id); // expect: n_update_delete_loop HIGH
    }),
  );
}
