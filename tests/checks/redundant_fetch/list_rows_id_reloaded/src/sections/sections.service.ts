import { Injectable, Controller, Get, Param } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

// A handbook is a tree of sections. Exporting walks the tree: each level
// lists its child sections, then hands each child's id to the exporter.
@Injectable()
export class SectionsService {
  constructor(private readonly prisma: PrismaService) {}

  async findSection(sectionId: string) {
    return this.prisma.section.findUnique({ where: { id: sectionId } });
  }

  private readonly seen = new Map<string, { title: string }>();

  // the exporter loads the section it is given, then recurses into the
  // children it has just listed: each child is loaded twice
  async exportSection(bookId: string, sectionId: string) {
    const section = await this.findSection(sectionId);
    const children = await this.prisma.section.findMany({ where: { bookId, parentId: sectionId } });
    const out = [];
    for (const child of children) {
      out.push(await this.exportSection(bookId, child.id)); // expect: redundant_fetch MEDIUM, n_plus_one MEDIUM
    }
    return { title: section?.title, children: out };
  }

  // the top level: the roots are listed, then each root is loaded again
  async exportBook(bookId: string) {
    const roots = await this.prisma.section.findMany({ where: { bookId, parentId: null } });
    const out = [];
    for (const root of roots) {
      out.push(await this.exportSection(bookId, root.id)); // expect: redundant_fetch HIGH, n_plus_one HIGH
    }
    return out;
  }

  // the callee reads the row itself, no loader in between
  async wordCount(sectionId: string) {
    const s = await this.prisma.section.findUnique({ where: { id: sectionId } });
    return (s?.body ?? '').split(' ').length;
  }

  async bookWords(bookId: string) {
    const all = await this.prisma.section.findMany({ where: { bookId } });
    let n = 0;
    for (const s of all) {
      n += await this.wordCount(s.id); // expect: redundant_fetch HIGH, n_plus_one HIGH
    }
    return n;
  }

  // look-alike: the list names its columns; the callee needs the body the
  // list left out
  async outlineWords(bookId: string) {
    const heads = await this.prisma.section.findMany({ where: { bookId }, select: { id: true, title: true } });
    let n = 0;
    for (const h of heads) {
      n += await this.wordCount(h.id); // expect: n_plus_one HIGH
    }
    return n;
  }

  // look-alike: every row is renumbered first; the callee must read the
  // new state
  async renumberAndExport(bookId: string) {
    const roots = await this.prisma.section.findMany({ where: { bookId, parentId: null } });
    await this.prisma.section.updateMany({ where: { bookId }, data: { position: 0 } });
    const out = [];
    for (const root of roots) {
      out.push(await this.exportSection(bookId, root.id)); // expect: n_plus_one MEDIUM
    }
    return out;
  }

  // look-alike: the callee writes before it reads the row again
  async stampThenRead(sectionId: string) {
    await this.prisma.section.update({ where: { id: sectionId }, data: { stampedAt: new Date() } });
    return this.prisma.section.findUnique({ where: { id: sectionId } }); // expect: n_plus_one MEDIUM
  }

  async stampAll(bookId: string) {
    const all = await this.prisma.section.findMany({ where: { bookId } });
    for (const s of all) {
      await this.stampThenRead(s.id); // expect: n_update_delete_loop HIGH
    }
  }

  // look-alike: the callee reads another model by that id (the comments
  // of the section), not the section again
  async commentsOf(sectionId: string) {
    return this.prisma.comment.findMany({ where: { sectionId } });
  }

  async commentCount(sectionId: string) {
    const first = await this.prisma.comment.findFirst({ where: { sectionId } });
    return first ? 1 : 0;
  }

  async bookComments(bookId: string) {
    const all = await this.prisma.section.findMany({ where: { bookId } });
    let n = 0;
    for (const s of all) {
      n += (await this.commentsOf(s.id)).length; // expect: n_plus_one MEDIUM
      n += await this.commentCount(s.id); // expect: n_plus_one MEDIUM
    }
    return n;
  }

  // look-alike: the reader answers from a cache first; the read does not
  // run on every call
  async cachedTitles(bookId: string) {
    const all = await this.prisma.section.findMany({ where: { bookId } });
    const out = [];
    for (const s of all) {
      out.push(await this.titleFromCache(s.id)); // expect: n_plus_one MEDIUM
      out.push((await this.cachedSection(s.id))?.title); // expect: n_plus_one MEDIUM
    }
    return out;
  }

  async titleFromCache(sectionId: string) {
    const s = await this.cachedSection(sectionId);
    return s?.title;
  }

  async cachedSection(sectionId: string) {
    const hit = this.seen.get(sectionId);
    if (hit) return hit;
    const row = await this.prisma.section.findUnique({ where: { id: sectionId } });
    if (row) this.seen.set(sectionId, row);
    return row;
  }
}

@Controller('books')
export class BooksController {
  constructor(private readonly sections: SectionsService) {}

  @Get(':id/export')
  export(@Param('id') id: string) {
    return this.sections.exportBook(id);
  }

  @Get(':id/words')
  words(@Param('id') id: string) {
    return this.sections.bookWords(id);
  }

  @Get(':id/outline')
  outline(@Param('id') id: string) {
    return this.sections.outlineWords(id);
  }
}
