import { PrismaClient } from '@prisma/client';

const db = new PrismaClient();

async function loadAuthor(authorId: string) {
  const author = await db.author.findFirst({ where: { id: authorId } });
  return author;
}

// Look-alike of the workflows beside it, but an ordinary module: the
// helper is called directly, not through an activity proxy, and runs its
// query once per article.
export async function authorsOfBatchDirect(batchId: string) {
  const articles = await db.article.findMany({ where: { batchId } });
  const authors = [];
  for (const a of articles) {
    authors.push(await loadAuthor(a.authorId)); // expect: n_plus_one MEDIUM
  }
  return authors;
}
