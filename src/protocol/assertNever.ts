/** Ends every switch over a message union: adding a message type without handling it fails to compile. */
export function assertNever(value: never, what = 'message'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
