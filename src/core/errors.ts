/**
 * An input problem a person can fix: the message is one sentence naming the file and what is wrong.
 * The CLI prints it alone and exits 2; the editor shows it in an error view. Anything else that is
 * thrown is a bug and keeps its stack trace.
 */
export class InputError extends Error {
  override readonly name = 'InputError';

  /** Line breaks and other control characters (e.g. quoted from a broken file by JSON.parse) become spaces. */
  constructor(message: string) {
    super(oneLine(message));
  }
}

/** `text` on one line: each run of control characters (line breaks, NUL, …) becomes one space. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}
