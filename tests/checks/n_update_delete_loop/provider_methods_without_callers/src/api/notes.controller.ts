import { Controller, Param, Post } from '@nestjs/common';
import { NotesService } from '../db/notes/notes.service';

@Controller('/notes')
export class NotesController {
  constructor(private _notesService: NotesService) {}

  @Post('/:folder/lock')
  lockFolder(@Param('folder') folder: string) {
    return this._notesService.lockFolder(folder);
  }

  @Post('/:folder/close')
  closeFolder(@Param('folder') folder: string) {
    return this._notesService.closeFolder(folder);
  }
}
