import { Injectable, OnModuleInit } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { NotesRepository } from './notes.repository';
import { ModelHandle } from '../prisma.service';

@Injectable()
export class NotesService {
  constructor(
    private _notesRepository: NotesRepository,
    private _note: ModelHandle<'note'>
  ) {}

  async closeFolder(folderId: string) {
    await this._notesRepository.pinEach(folderId);
    await this._notesRepository['touchEach'](folderId);
    setTimeout(this._notesRepository.expireEach, 1000, folderId);
  }

  purgeFolder(folderId: string) {
    return this._notesRepository.purgeFolder(folderId);
  }

  lockFolder(folderId: string) {
    return this._notesRepository.lockFolder(folderId);
  }

  // A scheduled job: the decorator calls it.
  @Cron('0 3 * * *')
  async archiveStale() {
    const notes = await this._note.model.note.findMany({ where: { stale: true }, select: { id: true } });
    for (const note of notes) {
      await this._note.model.note.update({ where: { id: note.id }, data: { archived: true } }); // expect: n_update_delete_loop HIGH
    }
  }
}

// A lifecycle hook the framework calls by its name.
@Injectable()
export class NotesWarmup implements OnModuleInit {
  constructor(private _note: ModelHandle<'note'>) {}

  async onModuleInit() {
    const notes = await this._note.model.note.findMany({ where: { draft: true }, select: { id: true } });
    for (const note of notes) {
      await this._note.model.note.update({ where: { id: note.id }, data: { draft: false } }); // expect: n_update_delete_loop HIGH
    }
  }
}

// Not a provider: nothing proves who builds it or calls it.
export class NotesMaintenance {
  constructor(private _note: ModelHandle<'note'>) {}

  async resetColours(folderId: string) {
    const notes = await this._note.model.note.findMany({ where: { folderId }, select: { id: true } });
    for (const note of notes) {
      await this._note.model.note.update({ where: { id: note.id }, data: { colour: null } }); // expect: n_update_delete_loop HIGH
    }
  }
}
