import type { NextApiRequest, NextApiResponse } from "next";
import { prisma } from "../../../lib/prisma";
import { mayCook } from "../../../lib/cooks";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const viewerId = Number(req.headers["x-cook"]);

  if (req.method === "PUT") {
    // the owner came with the recipe, and the helper reads it again
    const recipe = await prisma.recipe.findUnique({
      where: { id: Number(req.query.id) },
      include: { owner: true, tags: true },
    });
    if (!recipe) return res.status(404).end();
    const ok = await mayCook({ cookId: recipe.ownerId, viewerId }); // expect: redundant_fetch HIGH
    return res.json({ ok });
  }

  if (req.method === "PATCH") {
    // look-alike: the owner was not included, so it is the first read of that row
    const bare = await prisma.recipe.findUnique({ where: { id: Number(req.query.id) } });
    if (!bare) return res.status(404).end();
    return res.json({ ok: await mayCook({ cookId: bare.ownerId, viewerId }) });
  }

  // look-alike: the editor was included, the owner (another cook) is read
  const edited = await prisma.recipe.findUnique({
    where: { id: Number(req.query.id) },
    include: { editor: true },
  });
  if (!edited) return res.status(404).end();
  return res.json({ ok: await mayCook({ cookId: edited.ownerId, viewerId }) });
}
