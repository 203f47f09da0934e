import { Command, Flags } from '@oclif/core';

// The project's own base for its command-line commands.
export abstract class AdminCommand extends Command {
  static flags = { verbose: Flags.boolean() };

  protected log_(msg: string) {
    this.log(msg);
  }
}
