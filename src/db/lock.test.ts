import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../paths.js';
import {
  acquireDataDirLock,
  formatLockFile,
  holderStillRuns,
  parseLockFile,
  startTimeFromStat,
} from './lock.js';

const made: string[] = [];
const folder = () => {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'kizuna-lock-'));
  made.push(parent);
  return path.join(parent, 'db');
};
afterAll(() => {
  for (const parent of made) rmSync(parent, { recursive: true, force: true });
});
const hasProc = existsSync('/proc/self/stat');
const startTimeOf = (pid: number) => startTimeFromStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))!;
const bootId = () => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** A live process that is not Kizuna and holds no lock: its pid stands for one reused after a crash. */
function unrelatedProcess(): number {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

describe('startTimeFromStat', () => {
  it('reads field 22 even when the command name holds spaces and parentheses', () => {
    const fields = Array.from({ length: 50 }, (_, index) => String(index + 1));
    const stat = `4242 (kizuna (worker) 1) ${fields.slice(2).join(' ')}`;
    expect(startTimeFromStat(stat)).toBe('22');
  });

  it('reads nothing from a line too short to hold a start time', () => {
    expect(startTimeFromStat('4242 (node) S 1 2')).toBeUndefined();
  });
});

describe('the lock file', () => {
  it('reads back what it writes', () => {
    const holder = { pid: 4242, startTime: '2093373', bootId: '1964c6df-2cfa-4378-b5a3-ca835c79d615' };
    expect(parseLockFile(formatLockFile(holder))).toEqual(holder);
  });

  it('reads the older form that held only a pid', () => {
    expect(parseLockFile('4242')).toEqual({ pid: 4242 });
  });

  it('names no holder when it holds no pid', () => {
    expect(parseLockFile('')).toBeUndefined();
    expect(parseLockFile('start 12\n')).toBeUndefined();
  });
});

describe('holderStillRuns', () => {
  const recorded = { pid: 4242, startTime: '1000', bootId: 'boot-a' };

  it('is false when no process has the id', () => {
    expect(holderStillRuns(recorded, undefined, 1)).toBe(false);
  });

  it('is true when the process with the id started when the holder did', () => {
    expect(holderStillRuns(recorded, { ...recorded }, 1)).toBe(true);
  });

  it('is false when the id now belongs to a process that started at another time', () => {
    expect(holderStillRuns(recorded, { ...recorded, startTime: '2000' }, 1)).toBe(false);
  });

  it('is false when the lock dates from before the machine restarted', () => {
    expect(holderStillRuns(recorded, { ...recorded, bootId: 'boot-b' }, 1)).toBe(false);
  });

  it('is false for a lock in our own id and another start time: a restarted container process', () => {
    expect(holderStillRuns(recorded, { ...recorded, startTime: '2000' }, 4242)).toBe(false);
  });

  it('without start times, takes a running id as the holder unless it is our own', () => {
    expect(holderStillRuns({ pid: 4242 }, { pid: 4242, startTime: '1000' }, 1)).toBe(true);
    expect(holderStillRuns({ pid: 4242 }, { pid: 4242 }, 4242)).toBe(false);
  });
});

describe('acquireDataDirLock', () => {
  it('holds a lock file naming its pid and removes it on release', () => {
    const dataDir = folder();
    const lock = acquireDataDirLock(dataDir);
    expect(parseLockFile(readFileSync(`${dataDir}.lock`, 'utf8'))?.pid).toBe(process.pid);
    lock.release();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    expect(readdirSync(path.dirname(dataDir))).toEqual([]);
  });

  it('refuses to open a folder twice in one process, and opens it again after release', () => {
    const dataDir = folder();
    const lock = acquireDataDirLock(dataDir);
    expect(() => acquireDataDirLock(dataDir)).toThrow('already open in this process');
    lock.release();
    acquireDataDirLock(dataDir).release();
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const dataDir = folder();
    writeFileSync(`${dataDir}.lock`, formatLockFile({ pid: 999_999_999, startTime: '1000' }));
    const lock = acquireDataDirLock(dataDir);
    expect(parseLockFile(readFileSync(`${dataDir}.lock`, 'utf8'))?.pid).toBe(process.pid);
    lock.release();
  });

  it('takes over an older lock file naming our own pid, as after a restart in a container', () => {
    const dataDir = folder();
    writeFileSync(`${dataDir}.lock`, String(process.pid));
    acquireDataDirLock(dataDir).release();
  });

  it('refuses an older lock file naming a running process, which may be an older Kizuna', () => {
    const dataDir = folder();
    const pid = unrelatedProcess();
    writeFileSync(`${dataDir}.lock`, String(pid));
    expect(() => acquireDataDirLock(dataDir)).toThrow(`is in use by another Kizuna process (pid ${pid})`);
  });

  it('takes over an older lock file naming a process that no longer runs', () => {
    const dataDir = folder();
    writeFileSync(`${dataDir}.lock`, '999999999');
    acquireDataDirLock(dataDir).release();
  });

  describe.runIf(hasProc)('where the machine tells when processes started', () => {
    it('refuses a folder that another running Kizuna process holds, naming it', async () => {
      const dataDir = folder();
      const lockModule = path.join(projectRoot, 'dist', 'src', 'db', 'lock.js');
      const script = `const { acquireDataDirLock } = await import(${JSON.stringify(lockModule)});
        acquireDataDirLock(${JSON.stringify(dataDir)}); console.log('locked'); setInterval(() => {}, 60000);`;
      const holder = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(holder);
      await new Promise<void>((resolve, reject) => {
        holder.stdout!.once('data', () => resolve());
        holder.once('exit', (code) => reject(new Error(`the holder exited (${code})`)));
      });
      expect(parseLockFile(readFileSync(`${dataDir}.lock`, 'utf8'))).toEqual({
        pid: holder.pid,
        startTime: startTimeOf(holder.pid!),
        bootId: bootId(),
      });
      expect(() => acquireDataDirLock(dataDir)).toThrow(`is in use by another Kizuna process (pid ${holder.pid})`);

      // The machine releases it when the holder dies, however it dies.
      await new Promise((resolve) => {
        holder.once('exit', resolve);
        holder.kill('SIGKILL');
      });
      acquireDataDirLock(dataDir).release();
    });

    it('takes over a lock whose pid now belongs to an unrelated running process', () => {
      const dataDir = folder();
      const pid = unrelatedProcess();
      const startTime = String(Number(startTimeOf(pid)) - 1);
      writeFileSync(`${dataDir}.lock`, formatLockFile({ pid, startTime, bootId: bootId() }));
      acquireDataDirLock(dataDir).release();
    });

    it('takes over a lock in our own pid left by an earlier process with that pid', () => {
      const dataDir = folder();
      const startTime = String(Number(startTimeOf(process.pid)) - 1);
      writeFileSync(`${dataDir}.lock`, formatLockFile({ pid: process.pid, startTime, bootId: bootId() }));
      acquireDataDirLock(dataDir).release();
    });

    it('takes over a lock from before the machine restarted, though its pid and start time match a running process', () => {
      const dataDir = folder();
      const pid = unrelatedProcess();
      writeFileSync(`${dataDir}.lock`, formatLockFile({ pid, startTime: startTimeOf(pid), bootId: 'an-earlier-boot' }));
      acquireDataDirLock(dataDir).release();
    });
  });
});
