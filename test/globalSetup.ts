import type { TestProject } from 'vitest/node';
import { prepareTemplate } from './database.js';

/** Builds (or reuses) the bootstrapped template database that every integration test copies. */
export default async function setup(project: TestProject): Promise<void> {
  project.provide('databaseTemplate', await prepareTemplate());
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplate: string;
  }
}
