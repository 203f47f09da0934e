import { Injectable } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';

@Injectable()
export class PrismaService extends PrismaClient {}

// The wrapper a repository holds: `this._card.model.card.findUnique(...)`.
@Injectable()
export class TableHandle<T extends keyof PrismaService> {
  public model: Pick<PrismaService, T>;
  constructor(private _prisma: PrismaService) {
    this.model = this._prisma;
  }
}
