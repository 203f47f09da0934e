import { db } from "../db";

// The current list: the page text stays in the database.
export async function listClipsV2(ownerId: number, cursor?: number) {
  const clips = await db.clip.findMany({
    where: { ownerId },
    take: 50,
    cursor: cursor ? { id: cursor } : undefined,
    omit: { pageText: true },
    orderBy: { id: "desc" },
  });
  return { response: clips, status: 200 };
}

// The older list still ships every clip's page text.
export async function listClips(ownerId: number, boardId?: number) {
  const clips = await db.clip.findMany({ // expect: over_fetching MEDIUM
    where: { ownerId, ...(boardId ? { boardId } : {}) },
    take: 50,
    include: { board: true },
    orderBy: { id: "desc" },
  });
  return { response: clips, status: 200 };
}

// The home page merges two lists, whole rows, through locals.
export async function homeClips(ownerId: number) {
  const pinned = await db.clip.findMany({ where: { ownerId, pinned: true }, take: 8 }); // expect: over_fetching MEDIUM
  const recent = await db.clip.findMany({ where: { ownerId }, orderBy: { id: "desc" }, take: 8 }); // expect: over_fetching MEDIUM
  const merged = [...pinned, ...recent];
  const unique = merged.filter((c, i) => merged.findIndex((d) => d.id === c.id) === i);
  const clips = unique.sort((a, b) => b.id - a.id);
  return { response: { clips }, status: 200 };
}

// Look-alike: the rows become summaries before they are returned.
export async function clipCards(ownerId: number) {
  const clips = await db.clip.findMany({ where: { ownerId }, take: 20 });
  const cards = clips.map((c) => summarize(c));
  return { response: cards, status: 200 };
}

function summarize(c: { id: number; title: string; pageText: string | null }) {
  return { id: c.id, title: c.title, words: (c.pageText ?? "").split(/\s+/).length };
}

// Look-alike: a column list.
export async function clipTitles(ownerId: number) {
  const clips = await db.clip.findMany({ where: { ownerId }, select: { id: true, title: true, url: true } });
  return { response: clips, status: 200 };
}

// Look-alike: the rows are archived (whole) and deleted here; only
// their count is returned.
export async function emptyBoard(ownerId: number, boardId: number) {
  const clips = await db.clip.findMany({ where: { ownerId, boardId } });
  await archiveClips(clips);
  await db.clip.deleteMany({ where: { ownerId, boardId } });
  return { response: `removed ${clips.length}`, status: 200 };
}

async function archiveClips(clips: { id: number; pageText: string | null }[]) {
  await db.clipArchive.createMany({ data: clips.map((c) => ({ clipId: c.id, text: c.pageText })) });
}

// Look-alike: Board lists are returned whole too, but nothing in the
// project leaves a Board column out (left to the Prisma list rule).
export async function listBoards(ownerId: number) {
  const boards = await db.board.findMany({ where: { ownerId } });
  return { response: boards, status: 200 };
}
