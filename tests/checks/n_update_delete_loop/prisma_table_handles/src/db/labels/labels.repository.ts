// Writes per row written inside the repository itself, through the
// table handle the repository is built with.
import { Injectable } from '@nestjs/common';
import { createHash } from 'crypto';
import { ModelHandle } from '../prisma.service';

const digest = (v: string) => createHash('sha256').update(v).digest('hex');

@Injectable()
export class LabelsRepository {
  constructor(
    private _label: ModelHandle<'label'>,
    private _board: ModelHandle<'board'>
  ) {}

  async hideLabels(boardId: string) {
    const labels = await this._label.model.label.findMany({ where: { boardId }, select: { id: true } });
    for (const label of labels) {
      await this._label.model.label.update({ where: { id: label.id }, data: { hidden: true } }); // expect: n_update_delete_loop HIGH
    }
  }

  // each row gets its own value: still one UPDATE per row
  async scrubLabels(boardId: string) {
    const labels = await this._label.model.label.findMany({ where: { boardId } });
    for (const label of labels) {
      await this._label.model.label.update({ where: { id: label.id }, data: { name: digest(label.name) } }); // expect: n_update_delete_loop HIGH
    }
  }

  // Look-alikes, silent: one set-based statement; one row.
  async hideAll(boardId: string) {
    await this._label.model.label.updateMany({ where: { boardId }, data: { hidden: true } });
  }

  renameBoard(id: string, name: string) {
    return this._board.model.board.update({ where: { id }, data: { name } });
  }

  deleteLabel(id: string) {
    return this._label.model.label.delete({ where: { id } });
  }
}
