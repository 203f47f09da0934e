// The client is the project's own module, imported under its usual name.
import { prisma } from '../lib/prisma';

export async function storeEntries(feedId: number, entries: { url: string; title: string }[]) {
  for (const entry of entries) {
    await prisma.entry.create({ data: { feedId, url: entry.url, title: entry.title } }); // expect: missing_bulk_ops MEDIUM
  }
}

// Look-alike: one createMany for the whole batch.
export async function storeEntriesAtOnce(feedId: number, entries: { url: string; title: string }[]) {
  await prisma.entry.createMany({ data: entries.map((e) => ({ feedId, url: e.url, title: e.title })) });
}
