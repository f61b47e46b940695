// A child process for the lock tests: takes the data-directory lock given as its argument, says
// "locked" on stdout, and holds it until it is killed (without releasing it, like a crash).
import { acquireDataDirLock } from '../store/data-dir-lock.js';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: hold-data-dir-lock.ts <dir>');
acquireDataDirLock(dir);
process.stdout.write('locked\n');
setInterval(() => undefined, 60_000);
