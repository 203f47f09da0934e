import { Injectable } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';

@Injectable()
export class PrismaService extends PrismaClient {}

// One table of the client per repository: `this._label.model.label.update(...)`.
@Injectable()
export class ModelHandle<T extends keyof PrismaService> {
  public model: Pick<PrismaService, T>;
  constructor(private _prisma: PrismaService) {
    this.model = this._prisma;
  }
}
