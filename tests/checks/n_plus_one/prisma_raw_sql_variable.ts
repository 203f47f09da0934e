// path: src/folders/folder-search.service.ts
// stack: @prisma/client
import { Prisma, PrismaClient } from '@prisma/client';

type Hit = { id: string; kind: string };
type Ancestor = { id: string; parentId: string | null; name: string };

export class FolderSearch {
  constructor(private readonly prisma: PrismaClient) {}

  // Each hit costs one recursive ancestor query: the loop below runs it per row.
  private async ancestorsOf(id: string) {
    const stmt = Prisma.sql`
      WITH RECURSIVE chain AS (
        SELECT f.id, f."parentId", f.name FROM "Folder" AS f WHERE f.id = ${id}
        UNION ALL
        SELECT p.id, p."parentId", p.name FROM "Folder" AS p JOIN chain AS c ON p.id = c."parentId"
      )
      SELECT * FROM chain;
    `;
    return this.prisma.$queryRaw<Ancestor[]>(stmt);
  }

  async withPaths(term: string, take: number) {
    const hits: Hit[] = [];
    hits.push(...(await this.search(term, take)));
    const out = [];
    for (let i = 0; i < hits.length; i++) {
      const chain = await this.ancestorsOf(hits[i].id); // expect: n_plus_one MEDIUM
      out.push({ ...hits[i], chain });
    }
    return out;
  }

  // Marks one folder per iteration with a raw UPDATE held in a variable.
  async touchAll(team: string) {
    const rows = await this.prisma.folder.findMany({ where: { team } });
    for (const { id } of rows) {
      const upd = Prisma.sql`UPDATE "Folder" SET "touchedAt" = now() WHERE id = ${id}`;
      await this.prisma.$executeRaw(upd); // expect: n_update_delete_loop HIGH
    }
  }

  // Look-alike: a loop over batches of ids, one set-based raw UPDATE per batch.
  async touchInBatches(batches: string[][]) {
    for (const batch of batches) {
      const upd = Prisma.sql`UPDATE "Folder" SET "touchedAt" = now() WHERE id IN (${Prisma.join(batch)})`;
      await this.prisma.$executeRaw(upd);
    }
  }

  // Look-alike: the raw UPDATE in the loop names no item (the same row each pass).
  async bumpTeam(team: string, names: string[]) {
    for (const name of names) {
      const upd = Prisma.sql`UPDATE "Team" SET "renames" = "renames" + 1 WHERE id = ${team}`;
      console.log(name);
      await this.prisma.$executeRaw(upd);
    }
  }

  // Look-alike: one raw query for the whole page, no loop around it.
  async search(term: string, take: number) {
    const stmt = Prisma.sql`SELECT id, 'folder' AS kind FROM "Folder" WHERE name ILIKE ${term} LIMIT ${take}`;
    return this.prisma.$queryRaw<Hit[]>(stmt);
  }

  // Look-alike: one set-based raw query for all ids.
  async namesFor(ids: string[]) {
    const stmt = Prisma.sql`SELECT id, name FROM "Folder" WHERE id IN (${Prisma.join(ids)})`;
    return this.prisma.$queryRaw<Ancestor[]>(stmt);
  }

  async labelled(groups: string[][]) {
    const out = [];
    for (const ids of groups) {
      out.push(ids.length);
    }
    out.push(await this.namesFor(groups.flat()));
    return out;
  }
}
