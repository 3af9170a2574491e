import type { TestProject } from 'vitest/node';
import { buildCli } from './cli.js';
import { prepareTemplate } from './database.js';

/** Compiles the CLI the tests run, and builds (or reuses) the bootstrapped template database that every integration test copies. */
export default async function setup(project: TestProject): Promise<void> {
  buildCli();
  project.provide('databaseTemplate', await prepareTemplate());
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplate: string;
  }
}
