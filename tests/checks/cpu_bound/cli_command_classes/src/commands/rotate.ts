import bcrypt from 'bcryptjs';
import fs from 'fs';
import { Args } from '@oclif/core';
import { AdminCommand } from './base';
import { hashSecret } from '../lib/hashing';

// Run by hand (`pnpm rotate <file>`): its own process, no request waits on
// its event loop, so the synchronous calls below stay silent.
export default class Rotate extends AdminCommand {
  static args = { file: Args.string() };

  async run(): Promise<void> {
    const { args } = await this.parse(Rotate);
    const lines = fs.readFileSync(String(args.file), 'utf8').split('\n');
    for (const line of lines) {
      const hashed = hashSecret(line);
      this.log_(hashed);
    }
    await this.stamp(lines[0]);
  }

  async stamp(first: string) {
    const digest = bcrypt.hashSync(first, 10);
    this.log_(digest);
  }
}
