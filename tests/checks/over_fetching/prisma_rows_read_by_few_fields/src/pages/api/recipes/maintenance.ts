import type { NextApiRequest, NextApiResponse } from "next";
import { db } from "../../../lib/db";
import { dropPhoto, describe } from "../../../lib/photos";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const ownerId = Number(req.headers["x-cook"]);

  if (req.method === "DELETE") {
    // every column of every recipe, to read two of them
    const mine = await db.recipe.findMany({ where: { ownerId } }); // expect: over_fetching LOW
    for (const recipe of mine) {
      await dropPhoto(recipe.id, recipe.photoPath);
      console.log("photo dropped for recipe", recipe.id);
    }
    return res.status(204).end();
  }

  if (req.method === "PATCH") {
    // a one-parameter map that reads one field
    const stale = await db.recipe.findMany({ where: { ownerId, servings: 0 } }); // expect: over_fetching LOW
    const ids = stale.map((r) => r.id);
    await db.recipe.updateMany({ where: { id: { in: ids } }, data: { servings: 1 } });
    return res.json({ fixed: stale.length });
  }

  if (req.method === "PUT") {
    // look-alike: `select` restricts the columns
    const light = await db.recipe.findMany({ where: { ownerId }, select: { id: true, photoPath: true } });
    for (const recipe of light) {
      await dropPhoto(recipe.id, recipe.photoPath);
    }
    // look-alike: `omit` at the top level also restricts
    const noBody = await db.recipe.findMany({ where: { ownerId }, omit: { body: true } });
    for (const recipe of noBody) {
      await dropPhoto(recipe.id, recipe.photoPath);
    }
    return res.status(204).end();
  }

  if (req.method === "POST") {
    // look-alike: the whole row goes to a helper
    const all = await db.recipe.findMany({ where: { ownerId } });
    const titles = all.map((r) => describe(r));
    // look-alike: a model of ten columns (not over the limit)
    const labels = await db.tag.findMany();
    for (const t of labels) {
      console.log(t.id);
    }
    // look-alike: a `select` nested in `include` does not restrict the recipe's columns,
    // but the rows are spread into the response
    const rich = await db.recipe.findMany({ where: { ownerId }, include: { tags: { select: { id: true } } } });
    const shaped = rich.map((r) => ({ ...r, tagIds: r.tags.map((t) => t.id) }));
    return res.json({ titles, shaped });
  }

  // look-alike: a list endpoint returns the rows to its client
  const page = await db.recipe.findMany({ where: { ownerId }, take: 50 });
  return res.json(page);
}
