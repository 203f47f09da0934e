import { Injectable } from '@nestjs/common';
import { pbkdf2Sync } from 'node:crypto';

@Injectable()
export class ApiTokenService {
  private readonly rounds = 100000;

  public async findOwner(token: string) {
    const digest = this.digest(token); // expect: cpu_bound MEDIUM
    return { digest };
  }

  // The digest through a chain: pbkdf2Sync(...).toString('hex').
  public digest(token: string): string {
    return pbkdf2Sync(token, '', this.rounds, 64, 'sha512').toString('hex');
  }
}
