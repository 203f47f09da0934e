// path: src/library/shelves.ts
// stack: @prisma/client
// Rows reach a per-item loop through an array pattern over several
// queries run together, or through a list started empty and filled with
// push(): still one more query per row of another query.
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

async function loadShelf(id: string) {
  return prisma.shelf.findUnique({ where: { id } });
}

export async function shelfTree(parentId: string): Promise<unknown> {
  const [shelves, books] = await Promise.all([
    prisma.shelf.findMany({ where: { parentId } }),
    prisma.book.findMany({ where: { shelfId: parentId } }),
  ]);
  const children = await Promise.all(shelves.map(({ id }) => shelfTree(id))); // expect: n_plus_one MEDIUM
  return { books, children };
}

export async function searchEverything(q: string) {
  const hits: { id: string; shelfId: string }[] = [];
  const byTitle = await prisma.book.findMany({ where: { title: { contains: q } } });
  hits.push(...byTitle);
  const byAuthor = await prisma.book.findMany({ where: { author: { contains: q } } });
  hits.push(...byAuthor);
  const out = [];
  for (let i = 0; i < hits.length; i++) {
    const shelf = await prisma.shelf.findUnique({ where: { id: hits[i].shelfId } }); // expect: n_plus_one MEDIUM
    out.push({ hit: hits[i], shelf });
  }
  return out;
}

// look-alike: the list is the remote catalogue's answer; the query beside
// it in the same Promise.all only filters it (named in the predicate)
export async function importMissing(isbns: string) {
  const [known, remote] = await Promise.all([
    prisma.book.findMany({ where: { source: 'remote' } }),
    fetch(`https://catalogue.example/books?isbn=${isbns}`).then((r) => r.json()),
  ]);
  const missing = remote.filter((b: { isbn: string }) => !known.some((k) => k.isbn === b.isbn));
  await Promise.all(
    missing.map(async (b: { isbn: string }) => {
      const dup = await prisma.draft.findUnique({ where: { isbn: b.isbn } });
      return dup ?? b;
    }),
  );
}

// look-alike: a list started empty and filled with fixed names
export async function defaultShelves() {
  const names: string[] = [];
  names.push('inbox');
  names.push('archive');
  const found = [];
  for (const name of names) {
    found.push(await prisma.shelf.findFirst({ where: { name } }));
  }
  return found;
}
