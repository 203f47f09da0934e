import { Injectable } from '@nestjs/common';
import { PrismaRepository } from './prisma.service';

interface SealToken {
  value: string;
}

declare function askCarrier(ref: string): Promise<SealToken | false>;

@Injectable()
export class SealService {
  constructor(
    private _seal: PrismaRepository<'seal'>,
    private _crate: PrismaRepository<'crate'>
  ) {}

  // The helper writes only when the carrier refuses, and then hands back
  // false: on success it returns the carrier's token, no row it wrote.
  private async renewToken(sealId: string, ref: string) {
    const token = await askCarrier(ref);
    if (!token) {
      await this._seal.model.seal.update({
        where: { id: sealId },
        data: { needsRenewal: true },
      });
      return false;
    }
    return token;
  }

  // Look-alike: the token of a helper that writes only on failure.
  async renew(sealId: string, ref: string) {
    const token = await this.renewToken(sealId, ref);
    if (!token) {
      return false;
    }
    await this._seal.model.seal.update({
      where: { id: sealId },
      data: { token: token.value },
    });
    return true;
  }

  private async openSeal(crateId: string) {
    const seal = await this._seal.model.seal.create({ data: { crateId } });
    return seal;
  }

  // The helper's new seal committed, then the crate naming it.
  async sealCrate(crateId: string) {
    const seal = await this.openSeal(crateId); // expect: transaction_narrow HIGH
    await this._crate.model.crate.update({
      where: { id: crateId },
      data: { sealId: seal.id },
    });
    return seal;
  }
}
