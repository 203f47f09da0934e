import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

// The service itself: one author query per book.
export async function booksWithAuthors() {
  const books = await prisma.book.findMany();
  for (const book of books) {
    (book as any).author = await prisma.author.findUnique({ where: { id: book.authorId } }); // expect: n_plus_one MEDIUM
  }
  return books;
}
