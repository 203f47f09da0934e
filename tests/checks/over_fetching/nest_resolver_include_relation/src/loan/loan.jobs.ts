import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { LoanService } from './loan.service';

@Injectable()
export class LoanJobs {
  constructor(private readonly loans: LoanService) {}

  @Cron('0 3 * * *')
  async nightly() {
    await this.loans.nightlyNames(1);
  }
}
