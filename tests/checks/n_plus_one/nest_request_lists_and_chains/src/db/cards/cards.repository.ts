import { Injectable } from '@nestjs/common';
import { TableHandle } from '../prisma.service';

@Injectable()
export class CardsRepository {
  constructor(private _card: TableHandle<'card'>) {}

  cardById(id: string) {
    return this._card.model.card.findUnique({ where: { id } });
  }

  cardsOfBoard(boardId: string, cursor?: string) {
    return this._card.model.card.findMany({ where: { boardId }, take: 50, cursor: cursor ? { id: cursor } : undefined });
  }

  restoreCard(id: string) {
    return this._card.model.card.update({ where: { id }, data: { archived: false } });
  }

  countCards(boardId: string) {
    return this._card.model.card.count({ where: { boardId } });
  }
}
