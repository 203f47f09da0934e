// path: src/boards/board.service.ts
// stack: @nestjs/common kysely
// Kysely repositories reached through Nest-injected fields. The query is
// built in a local, narrowed by options, and run at the end; a service
// calling it once per item of another query's result sends one query per
// item.
import { Injectable, Controller, Get, Param } from '@nestjs/common';
import { Kysely } from 'kysely';

@Injectable()
export class CardRepo {
  constructor(private readonly db: Kysely<any>) {}

  async loadCard(cardId: string, opts?: { withBody?: boolean }) {
    let query = this.db.selectFrom('cards').select(['id', 'title', 'laneId']);
    if (opts?.withBody) {
      query = query.select('body');
    }
    return query.where('id', '=', cardId).executeTakeFirst();
  }

  async loadCards(cardIds: string[]) {
    if (cardIds.length === 0) return [];
    return this.db.selectFrom('cards').select(['id', 'title', 'laneId']).where('id', 'in', cardIds).execute();
  }

  async linkedIds(boardId: string) {
    const rows = await this.db.selectFrom('card_links').select(['cardId']).where('boardId', '=', boardId).execute();
    return rows.map((r) => r.cardId);
  }
}

@Injectable()
export class BoardService {
  constructor(private readonly cardRepo: CardRepo) {}

  // One card query per linked id, all at once.
  async linkedCards(boardId: string) {
    const ids = await this.cardRepo.linkedIds(boardId);
    return Promise.all(ids.map((id) => this.cardRepo.loadCard(id))); // expect: n_plus_one HIGH
  }

  // The same per item in a for-of loop.
  async linkedTitles(boardId: string) {
    const ids = await this.cardRepo.linkedIds(boardId);
    const titles: string[] = [];
    for (const id of ids) {
      const card = await this.cardRepo.loadCard(id, { withBody: false }); // expect: n_plus_one HIGH
      titles.push(card.title);
    }
    return titles;
  }

  // Look-alike: one query for the whole list.
  async linkedCardsAtOnce(boardId: string) {
    const ids = await this.cardRepo.linkedIds(boardId);
    return this.cardRepo.loadCards(ids);
  }

  // Look-alike: two fixed lookups side by side, not one per item.
  async pair(a: string, b: string) {
    return Promise.all([this.cardRepo.loadCard(a), this.cardRepo.loadCard(b)]);
  }
}

@Controller('boards')
export class BoardController {
  constructor(private readonly boards: BoardService) {}

  @Get(':id/cards')
  async cards(@Param('id') id: string) {
    await this.boards.linkedTitles(id);
    await this.boards.linkedCardsAtOnce(id);
    await this.boards.pair(id, id);
    return this.boards.linkedCards(id);
  }
}
