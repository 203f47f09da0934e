import type { NextApiRequest, NextApiResponse } from "next";
import { archiveNotes, pinNotes, trashNotes, canMoveBetween, publishDrafts } from "../../../lib/archiveNotes";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const userId = Number(req.headers["x-user"]);
  if (req.method === "PUT") {
    const r = await archiveNotes(userId, req.body.noteIds);
    return res.status(r.status).end();
  }
  if (req.method === "PATCH") {
    return res.json({ ok: await pinNotes(userId, req.body.ids) });
  }
  if (req.method === "DELETE") {
    return res.json({ ok: await publishDrafts(userId, req.body.drafts) });
  }
  if (req.method === "POST") {
    return res.json({ ok: await canMoveBetween(userId, req.body.from, req.body.to) });
  }
  return res.json({ ok: await trashNotes(userId, req.body.noteIds) });
}
