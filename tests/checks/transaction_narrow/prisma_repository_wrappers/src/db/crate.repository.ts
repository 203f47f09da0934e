import { Injectable } from '@nestjs/common';
import { PrismaRepository } from './prisma.service';

@Injectable()
export class CrateRepository {
  constructor(
    private _crate: PrismaRepository<'crate'>,
    private _damage: PrismaRepository<'damage'>,
    private _porter: PrismaRepository<'porter'>,
    private _badge: PrismaRepository<'badge'>,
    private _contract: PrismaRepository<'contract'>,
    private _depot: PrismaRepository<'depot'>,
    private _analyticsEvent: PrismaRepository<'analyticsEvent'>
  ) {}

  // The crate's state is committed, then the damage record naming it.
  async reportDamage(id: string, note: string) {
    const crate = await this._crate.model.crate.update({ // expect: transaction_narrow MEDIUM
      where: { id },
      data: { state: 'DAMAGED' },
    });
    await this._damage.model.damage.create({
      data: { crateId: crate.id, note },
    });
    return crate;
  }

  // A porter assigned to a depot, then the porter's pass marked used.
  async assignPorter(porterId: string, depotId: string, passId: string) {
    const shift = await this._depot.model.depot.create({ // expect: transaction_narrow MEDIUM
      data: { porterId, depotId },
    });
    await this._porter.model.porter.update({
      where: { id: porterId },
      data: { passId },
    });
    return shift;
  }

  // The crate is saved, then its labels replaced through the same table:
  // the nested deleteMany/create write the child rows in a second commit.
  async saveCrate(depotId: string, code: string, labels: string[]) {
    const { id } = await this._crate.model.crate.upsert({ // expect: transaction_narrow HIGH
      where: { code },
      create: { code, depotId },
      update: { depotId },
    });
    await this._crate.model.crate.update({
      where: { id },
      data: { labels: { deleteMany: {}, create: labels.map((l) => ({ text: l })) } },
    });
    return { id };
  }

  // The badge is saved, then every other badge of the depot unpinned in
  // another commit: two pinned badges are possible in between.
  async pinBadge(depotId: string, text: string, pinned: boolean, id?: string) {
    const { id: savedId } = await this._badge.model.badge.upsert({ // expect: transaction_narrow MEDIUM
      where: { id: id || 'new', depotId },
      update: { text, pinned },
      create: { text, pinned, depotId },
    });
    if (pinned) {
      await this._badge.model.badge.updateMany({
        where: { depotId, id: { not: savedId } },
        data: { pinned: false },
      });
    }
    return { id: savedId };
  }

  async findDepotByPayer(payerId: string) {
    return this._depot.model.depot.findFirst({ where: { payerId } });
  }

  // The contract upserted for a loaded depot, then the depot's flags.
  async renewContract(payerId: string, tier: string, depot?: { id: string }) {
    const found = depot || (await this.findDepotByPayer(payerId));
    if (!found) {
      return;
    }
    await this._contract.model.contract.upsert({ // expect: transaction_narrow MEDIUM
      where: { depotId: found.id },
      update: { tier },
      create: { depotId: found.id, tier },
    });
    await this._depot.model.depot.update({
      where: { id: found.id },
      data: { onTrial: false },
    });
  }

  // Look-alike: create, then the same new row again once its id is known.
  async stamp(code: string) {
    const crate = await this._crate.model.crate.create({ data: { code } });
    await this._crate.model.crate.update({
      where: { id: crate.id },
      data: { path: `/crates/${crate.id}` },
    });
    return crate;
  }

  // Look-alike: a get-or-create, then the row linked to it.
  async linkPorter(depotId: string, id: string, name: string) {
    const porter =
      (await this._porter.model.porter.findFirst({ where: { depotId, name } })) ||
      (await this._porter.model.porter.create({ data: { depotId, name } }));
    return this._crate.model.crate.update({
      where: { id, depotId },
      data: { porter: { connect: { id: porter.id } } },
    });
  }

  // Look-alike: the new id appended to the depot's ordering list.
  async addCrate(depotId: string, code: string) {
    const crate = await this._crate.model.crate.create({ data: { code, depotId } });
    await this._depot.model.depot.update({
      where: { id: depotId },
      data: { crateOrder: { push: crate.id } },
    });
    return crate;
  }

  // Look-alike: both writes in one transaction.
  async moveCrate(id: string, depotId: string) {
    await this._crate.model.crate.$transaction(async (tx) => {
      const crate = await tx.crate.update({ where: { id }, data: { depotId } });
      await tx.damage.create({ data: { crateId: crate.id, note: 'moved' } });
    });
  }

  // Look-alike: one write, then a read.
  async close(id: string) {
    await this._crate.model.crate.update({ where: { id }, data: { state: 'CLOSED' } });
    return this._crate.model.crate.findUnique({ where: { id } });
  }

  // Look-alike: an analytics row next to the real write.
  async open(id: string) {
    const crate = await this._crate.model.crate.update({ where: { id }, data: { state: 'OPEN' } });
    await this._analyticsEvent.model.analyticsEvent.create({ data: { crateId: crate.id } });
    return crate;
  }
}
