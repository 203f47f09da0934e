import type { NextApiRequest, NextApiResponse } from "next";
import { store } from "../../../lib/store";
import { cookMayEdit, cookOnShelf } from "../../../lib/access";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const viewerId = Number(req.headers["x-cook"]);

  if (req.method === "PUT") {
    // the owner came with the recipe; the helper reads it again through `store`
    const recipe = await store.recipe.findUnique({
      where: { id: Number(req.query.id) },
      include: { owner: true },
    });
    if (!recipe) return res.status(404).end();
    return res.json({ ok: await cookMayEdit(recipe.ownerId, viewerId) }); // expect: redundant_fetch HIGH
  }

  // look-alike: the helper looks the owner up on an in-process shelf
  const recipe = await store.recipe.findUnique({
    where: { id: Number(req.query.id) },
    include: { owner: true },
  });
  if (!recipe) return res.status(404).end();
  return res.json({ ok: await cookOnShelf(recipe.ownerId) });
}
