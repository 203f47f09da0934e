import type { NextApiRequest, NextApiResponse } from "next";
import { clipCards, clipTitles, emptyBoard, homeClips, listBoards, listClips, listClipsV2 } from "../../../lib/controllers/clips";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const ownerId = Number(req.headers["x-owner"]);
  const view = String(req.query.view ?? "");
  let out;
  if (view === "v2") out = await listClipsV2(ownerId, Number(req.query.cursor) || undefined);
  else if (view === "home") out = await homeClips(ownerId);
  else if (view === "titles") out = await clipTitles(ownerId);
  else if (view === "cards") out = await clipCards(ownerId);
  else if (view === "boards") out = await listBoards(ownerId);
  else if (req.method === "DELETE") out = await emptyBoard(ownerId, Number(req.query.board));
  else out = await listClips(ownerId, Number(req.query.board) || undefined);
  return res.status(out.status).json({ response: out.response });
}
