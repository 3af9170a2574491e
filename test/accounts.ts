import type { Db } from '../src/db/client.js';
import type { Actor, Role } from '../src/domain/authorization.js';
import { actorOf, createApiToken, inviteAccount, setPasswordWithLink } from '../src/services/accounts.js';

/** The machine's operator, as the kizuna command acts. */
export const OPERATOR: Actor = { kind: 'system', label: 'test operator' };

export const TEST_PASSWORD = 'seven blue herons over Ibara';

export interface TestAccount {
  id: number;
  email: string;
  password: string;
  actor: Actor & { kind: 'account' };
  /** An API token of the account. */
  token: string;
}

let counter = 0;

/** An active account of a role (bound to the LGs for an officer), with its password set and an API token. */
export async function createTestAccount(db: Db, role: Role, localGovernmentIds: number[] = []): Promise<TestAccount> {
  const email = `${role}-${process.pid}-${++counter}-${Date.now()}@test.example.org`;
  const link = await inviteAccount(db, OPERATOR, { email, name: `Test ${role} ${counter}`, role, localGovernmentIds });
  await setPasswordWithLink(db, link.secret, TEST_PASSWORD);
  const actor = await actorOf(db, link.account.id);
  const { token } = await createApiToken(db, actor, 'tests');
  return { id: link.account.id, email, password: TEST_PASSWORD, actor, token };
}
