import { Injectable } from '@nestjs/common';
import { PrismaRepository } from './prisma.service';

@Injectable()
export class LaneRepository {
  constructor(private _lane: PrismaRepository<'lane'>) {}

  // One UPDATE per lane, written in the repository itself.
  async closeLanes(depotId: string) {
    const lanes = await this._lane.model.lane.findMany({ where: { depotId } });
    for (const lane of lanes) {
      await this._lane.model.lane.update({ // expect: n_update_delete_loop HIGH
        where: { id: lane.id },
        data: { closed: true },
      });
    }
  }

  // Look-alike: one statement for all of them.
  async openLanes(ids: string[]) {
    await this._lane.model.lane.updateMany({
      where: { id: { in: ids } },
      data: { closed: false },
    });
  }

  // Called from the API with one id (the web page below has its own
  // function of the same name).
  async archiveLane(id: string) {
    return this._lane.model.lane.delete({ where: { id } });
  }
}
