import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
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
  for (let attempt = 0; attempt < 2; attempt++) {
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
      rmSync(lockPath, { force: true });
    }
  }
  throw new KizunaError('database_locked', `Could not take the lock file ${lockPath}.`);
}
