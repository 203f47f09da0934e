import { Controller, Get, Param } from '@nestjs/common';
import { SlotsRepository } from './slots.repository';

@Controller('/slots')
export class SlotsController {
  constructor(private _slots: SlotsRepository) {}

  @Get('/:board/free')
  free(@Param('board') board: string) {
    return this._slots.freeHours(board, [9, 10, 11, 12]);
  }

  @Get('/:board/overlap')
  overlap(@Param('board') board: string) {
    return this._slots.anyOverlap(board, new Date());
  }

  @Get('/:board/next')
  next(@Param('board') board: string) {
    return this._slots.firstAfter(board, new Date());
  }

  @Get('/:board/open')
  open(@Param('board') board: string) {
    return this._slots.openOnes(board);
  }

  @Get('/:board/hours')
  hours(@Param('board') board: string) {
    return this._slots.takenHours(board, [9, 10]);
  }
}
