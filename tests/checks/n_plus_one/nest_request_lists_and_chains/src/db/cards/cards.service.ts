// Per-item reads of a Nest service one hop from the Prisma calls
// (service -> repository): over the list of a validated request body, in
// a `for` loop or a `Promise.all(xs.map(async ...))` callback, and a
// chain of rows walked by a method that calls itself once per level.
import { Injectable } from '@nestjs/common';
import { CardsRepository } from './cards.repository';
import { PinCardsDto, PinPlan } from '../../dto/pin.dto';

@Injectable()
export class CardsService {
  constructor(private _cardsRepository: CardsRepository) {}

  ensureLive(card: any) {
    if (!card || card.archived) {
      throw new Error('card is gone');
    }
    return card;
  }

  // the awaited read sits in the argument of another call
  async pin(body: PinCardsDto) {
    const out = [];
    for (const target of body.targets) {
      out.push(this.ensureLive(await this._cardsRepository.cardById(target.cardId))); // expect: n_plus_one MEDIUM
    }
    return out;
  }

  async preview(body: PinCardsDto) {
    return Promise.all(
      body?.targets?.map(async (target) => {
        const card = await this._cardsRepository.cardById(target.cardId); // expect: n_plus_one MEDIUM
        return { ...target, card };
      })
    );
  }

  // a thread of cards, one query per level of the chain
  async thread(id: string): Promise<any[]> {
    const card: any = await this._cardsRepository.cardById(id); // expect: n_plus_one MEDIUM
    if (!card) {
      return [];
    }
    return [card, ...(card.nextId ? await this.thread(card.nextId) : [])];
  }

  // Look-alikes, silent.

  // capped by @ArrayMaxSize(3)
  async pinFeatured(body: PinCardsDto) {
    for (const target of body.featured) {
      this.ensureLive(await this._cardsRepository.cardById(target.cardId));
    }
  }

  // a class without validators: objects built in memory
  async applyPlan(plan: PinPlan) {
    for (const target of plan.targets) {
      this.ensureLive(await this._cardsRepository.cardById(target.cardId));
    }
  }

  // the callback does no database work
  async labels(body: PinCardsDto) {
    return Promise.all(body.targets.map(async (target) => `${body.label}:${target.cardId}`));
  }

  // a fixed pair of reads in parallel, not per item
  async summary(boardId: string, firstId: string) {
    const [first, total] = await Promise.all([
      this._cardsRepository.cardById(firstId),
      this._cardsRepository.countCards(boardId),
    ]);
    return { first, total };
  }

  // one query per page: the next call takes the page's cursor
  async everyCard(boardId: string, cursor?: string): Promise<any[]> {
    const page = await this._cardsRepository.cardsOfBoard(boardId, cursor);
    if (page.length < 50) {
      return page;
    }
    return [...page, ...(await this.everyCard(boardId, page[page.length - 1].id))];
  }

  // a recursion over a tree in memory, no query
  flatten(node: any): any[] {
    return [node, ...(node.children || []).flatMap((c: any) => this.flatten(c))];
  }

  // a walk that restores each level on its way up: per-item processing
  async restoreUp(id: string): Promise<void> {
    const card: any = await this._cardsRepository.cardById(id);
    await this._cardsRepository.restoreCard(id);
    if (card?.parentId) {
      await this.restoreUp(card.parentId);
    }
  }

  // a recursion whose next call does not come from the read
  async retry(id: string, left: number): Promise<any> {
    const card = await this._cardsRepository.cardById(id);
    if (card || left === 0) {
      return card;
    }
    return this.retry(id, left - 1);
  }
}
