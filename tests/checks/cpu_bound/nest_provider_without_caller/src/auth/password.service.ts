// A provider with two hashing paths: one is called by the controller,
// the other was left behind when the code moved on and nothing calls it.
import { Injectable } from '@nestjs/common';
import { pbkdf2Sync } from 'node:crypto';

@Injectable()
export class PasswordService {
  public async check(password: string, salt: string, stored: string) {
    const derived = this.derive(password, salt); // expect: cpu_bound MEDIUM
    return derived === stored;
  }

  // no call of it anywhere: silent
  public async checkLegacy(password: string, salt: string, stored: string) {
    const derived = this.derive(password, salt);
    return derived === stored;
  }

  public derive(password: string, salt: string): string {
    return pbkdf2Sync(password, salt, 310000, 32, 'sha256').toString('hex');
  }
}
