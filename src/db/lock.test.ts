import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock } from './lock.js';

const folder = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'kizuna-lock-')), 'db');

describe('acquireDataDirLock', () => {
  it('holds a lock file with its pid and removes it on release', () => {
    const dataDir = folder();
    const lock = acquireDataDirLock(dataDir);
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it('refuses a folder that a living process holds, naming it', () => {
    const dataDir = folder();
    writeFileSync(`${dataDir}.lock`, String(process.ppid));
    expect(() => acquireDataDirLock(dataDir)).toThrow(`is in use by another Kizuna process (pid ${process.ppid})`);
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const dataDir = folder();
    writeFileSync(`${dataDir}.lock`, '999999999');
    const lock = acquireDataDirLock(dataDir);
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
    lock.release();
  });

  it('refuses to open a folder twice in one process', () => {
    const dataDir = folder();
    const lock = acquireDataDirLock(dataDir);
    expect(() => acquireDataDirLock(dataDir)).toThrow('already open in this process');
    lock.release();
  });
});
