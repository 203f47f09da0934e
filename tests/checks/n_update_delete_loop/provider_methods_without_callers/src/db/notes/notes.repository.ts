// Per-row writes in a repository. Some methods are called, some are
// left behind with no caller anywhere in the project.
import { Injectable } from '@nestjs/common';
import { ModelHandle } from '../prisma.service';

@Injectable()
export class NotesRepository {
  constructor(private _note: ModelHandle<'note'>) {}

  // called by NotesService.closeFolder: reported
  async pinEach(folderId: string) {
    const notes = await this._note.model.note.findMany({ where: { folderId }, select: { id: true } });
    for (const note of notes) {
      await this._note.model.note.update({ where: { id: note.id }, data: { pinned: true } }); // expect: n_update_delete_loop HIGH
    }
  }

  // Nothing calls it: silent.
  async unpinEverything(folderId: string) {
    const notes = await this._note.model.note.findMany({ where: { folderId }, select: { id: true } });
    for (const note of notes) {
      await this._note.model.note.update({ where: { id: note.id }, data: { pinned: false } });
    }
  }

  // Only NotesService.purgeFolder calls it, a method of the same name
  // that nothing calls in turn: silent.
  async purgeFolder(folderId: string) {
    const notes = await this._note.model.note.findMany({ where: { folderId }, select: { id: true } });
    for (const note of notes) {
      await this._note.model.note.delete({ where: { id: note.id } });
    }
  }

  // The same hand-over, but the controller's route is named the same:
  // reached, reported.
  async lockFolder(folderId: string) {
    const notes = await this._note.model.note.findMany({ where: { folderId }, select: { id: true } });
    for (const note of notes) {
      await this._note.model.note.update({ where: { id: note.id }, data: { locked: true } }); // expect: n_update_delete_loop HIGH
    }
  }

  // Called through a string key by the service: reported.
  async touchEach(folderId: string) {
    const notes = await this._note.model.note.findMany({ where: { folderId }, select: { id: true } });
    for (const note of notes) {
      await this._note.model.note.update({ where: { id: note.id }, data: { touchedAt: new Date() } }); // expect: n_update_delete_loop HIGH
    }
  }

  // Handed to a timer as a value, never called by name: reported.
  async expireEach(folderId: string) {
    const notes = await this._note.model.note.findMany({ where: { folderId }, select: { id: true } });
    for (const note of notes) {
      await this._note.model.note.update({ where: { id: note.id }, data: { expired: true } }); // expect: n_update_delete_loop HIGH
    }
  }
}
