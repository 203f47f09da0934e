// path: src/routes/shelves.ts
// stack: express typeorm pg
// A handler that takes its repositories from the data source with
// getRepository() holds Repository objects as much as an injected
// field does: a find() on one of them per shelf is one SELECT per shelf.
import { Router } from "express";
import { In } from "typeorm";
import { source } from "../data-source";
import { Shelf, Book } from "../entities";

export const shelves = Router();

shelves.get("/shelves", async (_req, res) => {
  const shelfRepo = source.getRepository(Shelf);
  const books = source.getRepository(Book);
  const all = await shelfRepo.find();
  const out = [];
  for (const s of all) {
    out.push({ s, books: await books.find({ where: { shelfId: s.id } }) }); // expect: n_plus_one HIGH
  }
  res.json(out);
});

// look-alike: one query for every shelf, grouped in memory
shelves.get("/shelves/grouped", async (_req, res) => {
  const shelfRepo = source.getRepository(Shelf);
  const books = source.getRepository(Book);
  const all = await shelfRepo.find();
  const rows = await books.find({ where: { shelfId: In(all.map((s) => s.id)) } });
  res.json(all.map((s) => ({ s, books: rows.filter((b) => b.shelfId === s.id) })));
});

// look-alike: a local of the same name that is an array, searched per id
shelves.post("/shelves/pick", async (req, res) => {
  const books = req.body.books as { id: number }[];
  const picked = [];
  for (const id of req.body.ids as number[]) {
    picked.push(books.find((b) => b.id === id));
  }
  res.json(picked);
});
