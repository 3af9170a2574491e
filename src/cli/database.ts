import { openDatabase, optionsFromEnvironment, type Database } from '../db/client.js';

/** Opens the database from the environment, runs the work, closes it whatever happens. */
export async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(optionsFromEnvironment());
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
