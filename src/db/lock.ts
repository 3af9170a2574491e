import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { KizunaError } from '../errors.js';

export interface DataDirLock {
  release(): void;
}

/**
 * Who holds a lock: a process id, and where the machine can tell them, when that process started
 * (clock ticks since boot) and which boot it started in. The id alone is not enough, since ids are
 * reused: after a crash by an unrelated process, and in a container by the restarted Kizuna itself.
 */
export interface LockHolder {
  pid: number;
  startTime?: string;
  bootId?: string;
}

/** The lock file's text: the pid on the first line, so that a person (or an older Kizuna) reads it at once. */
export function formatLockFile(holder: LockHolder): string {
  const lines = [String(holder.pid)];
  if (holder.startTime) lines.push(`start ${holder.startTime}`);
  if (holder.bootId) lines.push(`boot ${holder.bootId}`);
  return `${lines.join('\n')}\n`;
}

/** Reads a lock file's text, including the older form that held only a pid; undefined when it names no pid. */
export function parseLockFile(text: string): LockHolder | undefined {
  const [first = '', ...rest] = text.split('\n');
  if (!/^\d+$/.test(first.trim())) return undefined;
  const holder: LockHolder = { pid: Number(first.trim()) };
  for (const line of rest) {
    const [key, value] = line.trim().split(/\s+/, 2);
    if (!value) continue;
    if (key === 'start') holder.startTime = value;
    if (key === 'boot') holder.bootId = value;
  }
  return holder;
}

/** The start time (field 22) of a Linux `/proc/<pid>/stat` line; the command name before it may hold spaces and parentheses. */
export function startTimeFromStat(stat: string): string | undefined {
  const afterName = stat.slice(stat.lastIndexOf(')') + 1).trim().split(/\s+/);
  // The text after the name starts at field 3.
  const startTime = afterName[22 - 3];
  return startTime && /^\d+$/.test(startTime) ? startTime : undefined;
}

/**
 * Whether the process recorded in a lock file still holds it, given what the machine says now about
 * the process with that id (`running` undefined when no such process runs). `ownPid` is this
 * process's id: this process knows which locks it holds, so a lock in its own id that it does not
 * hold was left by an earlier process with the same id.
 */
export function holderStillRuns(recorded: LockHolder, running: LockHolder | undefined, ownPid: number): boolean {
  if (!running) return false;
  if (recorded.bootId && running.bootId && recorded.bootId !== running.bootId) return false;
  if (recorded.startTime && running.startTime) return recorded.startTime === running.startTime;
  // Without start times to compare (an older lock file, or no /proc), a running id is taken as the holder.
  return recorded.pid !== ownPid;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

const bootId = readText('/proc/sys/kernel/random/boot_id')?.trim() || undefined;

/** The process with this id as the machine sees it now, or undefined when none runs. */
function runningProcess(pid: number): LockHolder | undefined {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  const stat = readText(`/proc/${pid}/stat`);
  return { pid, startTime: stat === undefined ? undefined : startTimeFromStat(stat), bootId };
}

/** The lock files this process holds: the one way to tell "open twice here" from "left by an earlier process with our id". */
const heldHere = new Set<string>();

/**
 * Takes the lock file beside a PGlite data folder. PGlite has no lock of its own, and two
 * processes writing one folder silently lose data, so a second opener is refused at once.
 * A lock whose holder no longer runs is taken over, even when its pid now belongs to another process.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const lockPath = path.resolve(`${dataDir}.lock`);
  if (heldHere.has(lockPath)) {
    throw new KizunaError('database_locked', `The data folder ${dataDir} is already open in this process.`);
  }
  const ownText = formatLockFile(runningProcess(process.pid) ?? { pid: process.pid });
  for (let attempt = 0; attempt < 3; attempt++) {
    if (createWithText(lockPath, ownText)) {
      heldHere.add(lockPath);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        heldHere.delete(lockPath);
        // A lock that another process took over (it judged this one stale) is theirs to remove.
        if (readText(lockPath) === ownText) rmSync(lockPath, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return { release };
    }
    const text = readText(lockPath);
    if (text === undefined) continue; // released while we looked
    const holder = parseLockFile(text);
    if (holder && holderStillRuns(holder, runningProcess(holder.pid), process.pid)) {
      throw new KizunaError(
        'database_locked',
        `The data folder ${dataDir} is in use by another Kizuna process (pid ${holder.pid}). ` +
          'Stop that process first, or point KIZUNA_DATA_DIR at another folder.',
      );
    }
    // Move the stale lock aside rather than delete it: of two processes doing this at once, only
    // one rename succeeds, and the other finds the new lock on its next attempt.
    const aside = `${lockPath}.stale-${randomBytes(6).toString('hex')}`;
    try {
      renameSync(lockPath, aside);
      if (readText(aside) === text) rmSync(aside, { force: true });
      // Another process took over first and this moved its fresh lock: put it back.
      else renameSync(aside, lockPath);
    } catch (renameError) {
      if ((renameError as NodeJS.ErrnoException).code !== 'ENOENT') throw renameError;
    }
  }
  throw new KizunaError('database_locked', `Could not take the lock file ${lockPath}.`);
}

/**
 * Creates a file with this text unless one exists. The text is written to a file of its own first
 * and then linked into place, so no other process ever reads the lock half-written (and judges it stale).
 */
function createWithText(file: string, text: string): boolean {
  const draft = `${file}.new-${randomBytes(6).toString('hex')}`;
  writeFileSync(draft, text, { flag: 'wx' });
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}
