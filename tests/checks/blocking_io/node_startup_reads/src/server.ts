import { boot } from './lib/boot.js';

// The process entry: runs once, at load.
process.nextTick(async () => {
    await boot();
});
