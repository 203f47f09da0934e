// An import that creates each label of the uploaded file through a
// helper: one INSERT per label, two calls away from Prisma.
import { Injectable } from '@nestjs/common';
import { LabelService } from '../../services/tag/label.service';

interface LabelDto { id?: string; name: string }

@Injectable()
export class ImportService {
  public constructor(private readonly labelService: LabelService) {}

  public async importLabels(userId: string, labels: LabelDto[]) {
    for (const label of labels) {
      await this.labelService.createLabel({ name: label.name, user: { connect: { id: userId } } }); // expect: missing_bulk_ops MEDIUM
    }
  }

  public async importLabelsConcurrently(userId: string, labels: LabelDto[]) {
    await Promise.all(
      labels.map((label) => this.addOne(userId, label)) // expect: missing_bulk_ops MEDIUM
    );
  }

  private async addOne(userId: string, label: LabelDto) {
    return this.labelService.createLabel({ name: label.name, user: { connect: { id: userId } } });
  }

  // Look-alikes: the list helper once; an upsert per label is an
  // update-or-insert (n_update_delete_loop's, and only with a query's
  // rows or a growing list); one label created outside any loop.
  public async importAll(userId: string, labels: LabelDto[]) {
    await this.labelService.createLabels(labels.map(({ name }) => ({ name, userId })));
    return this.labelService.createLabel({ name: labels[0].name, user: { connect: { id: userId } } });
  }
}
