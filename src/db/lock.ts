import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { KizunaError } from '../errors.js';

export interface DataDirLock {
  release(): void;
}

/** True when a process with this id is running on this machine. */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock file beside a PGlite data folder. PGlite has no lock of its own, and two
 * processes writing one folder silently lose data, so a second opener is refused at once.
 * A lock left by a process that no longer runs is taken over.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(lockPath, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && processIsAlive(holder)) {
        throw new KizunaError(
          'database_locked',
          `The data folder ${dataDir} is in use by another Kizuna process (pid ${holder}). ` +
            'Stop that process first, or point KIZUNA_DATA_DIR at another folder.',
        );
      }
      if (holder === process.pid) {
        throw new KizunaError('database_locked', `The data folder ${dataDir} is already open in this process.`);
      }
      // Move the stale lock aside rather than delete it: of two processes doing this at once, only
      // one rename succeeds, and the other finds the new lock on its next attempt.
      const aside = `${lockPath}.stale-${process.pid}`;
      try {
        renameSync(lockPath, aside);
        if (readFileSync(aside, 'utf8') === String(holder)) rmSync(aside, { force: true });
        // Another process took over first and this moved its fresh lock: put it back.
        else renameSync(aside, lockPath);
      } catch (renameError) {
        if ((renameError as NodeJS.ErrnoException).code !== 'ENOENT') throw renameError;
      }
    }
  }
  throw new KizunaError('database_locked', `Could not take the lock file ${lockPath}.`);
}
