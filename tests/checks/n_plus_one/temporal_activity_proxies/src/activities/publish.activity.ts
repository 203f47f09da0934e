import { Injectable } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';

const db = new PrismaClient();

// The activity implementation runs in the worker: its own loops are
// ordinary code and a query per item there is still one query per item.
@Injectable()
export class PublishActivity {
  async loadBatch(batchId: string) {
    return db.article.findMany({ where: { batchId } });
  }

  async publishArticle(articleId: string) {
    return db.article.update({ where: { id: articleId }, data: { published: true } });
  }

  async fetchAuthor(authorId: string) {
    const author = await db.author.findFirst({ where: { id: authorId } });
    return author;
  }

  async authorsOfBatch(batchId: string) {
    const articles = await db.article.findMany({ where: { batchId } });
    const out = [];
    for (const a of articles) {
      out.push(await db.author.findUnique({ where: { id: a.authorId } })); // expect: n_plus_one MEDIUM
    }
    return out;
  }
}
