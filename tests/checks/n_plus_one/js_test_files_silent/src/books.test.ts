import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

// A jest test that checks every seeded book's author row: test code,
// not audited.
export async function everyBookHasAnAuthor() {
  const books = await prisma.book.findMany();
  for (const book of books) {
    const author = await prisma.author.findUnique({ where: { id: book.authorId } });
    if (!author) throw new Error(`book ${book.id} has no author`);
  }
}
