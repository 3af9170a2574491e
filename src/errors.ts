import type { ZodError } from 'zod';
/** Stable error ids and the HTTP status each answers with. */
const STATUS_BY_ID = {
  bad_request: 400,
  malformed_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  too_many_requests: 429,
  database_locked: 503,
  import_failed: 422,
  internal: 500,
} as const;

export type ErrorId = keyof typeof STATUS_BY_ID;

/** One problem with one field of the input: which field, and why. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The one error type of Kizuna: a stable id, a message a person can act on, and where it applies
 * the fields at fault. The web layer renders it as JSON for the API and as a page for people.
 */
export class KizunaError extends Error {
  readonly id: ErrorId;
  readonly problems: FieldProblem[];

  constructor(id: ErrorId, message: string, problems: FieldProblem[] = []) {
    super(message);
    this.name = 'KizunaError';
    this.id = id;
    this.problems = problems;
  }

  get status(): (typeof STATUS_BY_ID)[ErrorId] {
    return STATUS_BY_ID[this.id];
  }
}

/**
 * A refusal whose problems are kept by their codes, for pages to put into the reader's language;
 * its message and field problems are in English, for the log and the API.
 */
export class CodedProblemsError<Problem extends { field: string }> extends KizunaError {
  constructor(
    readonly reasons: Problem[],
    english: (problem: Problem) => string,
    id: ErrorId = 'validation_failed',
  ) {
    super(
      id,
      reasons.map((reason) => `${reason.field}: ${english(reason)}`).join(' '),
      reasons.map((reason) => ({ field: reason.field, message: english(reason) })),
    );
  }
}

/** A 404 for a thing that does not exist. */
export function notFound(what: string): KizunaError {
  return new KizunaError('not_found', `${what} does not exist.`);
}

/** A 429: too many requests of a kind; Retry-After says when to come back. */
export function tooManyRequests(message: string, retryAfter: number): KizunaError & { retryAfter: number } {
  return Object.assign(new KizunaError('too_many_requests', message), { retryAfter });
}

/** Throws one validation error naming every problem, if there are any. */
export function failIfProblems(problems: FieldProblem[]): void {
  if (problems.length > 0) {
    throw new KizunaError('validation_failed', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
}

/** Whether the database refused a write for breaking a unique index (PostgreSQL's 23505), however deeply wrapped. */
function isUniqueViolation(error: unknown): boolean {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: string }).code === '23505') return true;
  }
  return false;
}

/**
 * Runs a write whose uniqueness was checked beforehand; when a request at the same moment won the
 * race and the unique index refuses this one, answers with the conflict instead of a server error.
 */
export async function refusingDuplicates<T>(write: () => Promise<T>, conflict: () => KizunaError): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
}

/** Turns zod's issues into Kizuna's field problems: "signedOn: write the date as …". */
export function problemsFromZod(error: ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    const field = issue.path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`)).join('');
    const message =
      issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : issue.message;
    return { field: field || '(body)', message };
  });
}
