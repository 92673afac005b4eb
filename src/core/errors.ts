import { redactSecrets } from './redact';

/** A follow-up the user can take from an error message (a button). */
export interface ErrorAction {
  title: string;
  /** A Tiered command id, run when the button is clicked. */
  command: string;
  args?: unknown[];
}

/**
 * An error that knows what to tell the user: what happened and what to do, without a stack
 * trace or a secret. Everything thrown across core boundaries toward the UI should be one.
 */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly actions: ErrorAction[] = [],
    readonly code = 'tiered',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UserFacingError';
  }
}

/** The message to show for any error: a UserFacingError's own, otherwise a safe generic one. */
export function userMessage(error: unknown, fallback = 'Tiered hit an unexpected problem. See the "Tiered" output for details.'): string {
  if (error instanceof UserFacingError) return redactSecrets(error.message);
  if (error instanceof Error && error.name === 'AbortError') return 'Cancelled.';
  return fallback;
}
