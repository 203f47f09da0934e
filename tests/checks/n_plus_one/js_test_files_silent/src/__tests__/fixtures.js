const { PrismaClient } = require("@prisma/client");

const prisma = new PrismaClient();

// A fixture loader under jest's __tests__ folder: one insert per book.
async function loadBooks(rows) {
  const authors = await prisma.author.findMany();
  for (const a of authors) {
    await prisma.book.create({ data: { title: a.name, authorId: a.id } });
  }
}

module.exports = { loadBooks };
