import { Injectable } from '@nestjs/common';
import { LabelsRepository } from './labels.repository';

@Injectable()
export class LabelsService {
  constructor(private _labelsRepository: LabelsRepository) {}

  async closeBoard(boardId: string) {
    await this._labelsRepository.hideLabels(boardId);
    await this._labelsRepository.scrubLabels(boardId);
    await this._labelsRepository.hideAll(boardId);
  }

  deleteLabel(id: string) {
    return this._labelsRepository.deleteLabel(id);
  }
}
