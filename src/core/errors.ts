/**
 * An input problem a person can fix: the message is one sentence naming the file and what is wrong.
 * The CLI prints it alone and exits 2; the editor shows it in an error view. Anything else that is
 * thrown is a bug and keeps its stack trace.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}

export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}
