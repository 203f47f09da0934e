import bcrypt from 'bcryptjs';

// Look-alike: a project class merely named Command, not a command-line
// framework's base; its async method still runs on the service's loop.
export class Command {
  name = 'cmd';
}

export class ResetCommand extends Command {
  async execute(password: string) {
    return bcrypt.hashSync(password, 10); // expect: cpu_bound MEDIUM
  }
}
