/**
 * The only logger core uses. Every line passes through `redact`, so an ID number or a phone
 * number quoted by an error message (a UNIQUE constraint, a parse error) never reaches a log.
 */
import { ID_NUMBER_IN_TEXT, PHONE_IN_TEXT } from './people/inText';

export function redact(text: string): string {
  return text.replace(ID_NUMBER_IN_TEXT, '[身份号码]').replace(PHONE_IN_TEXT, '[电话]');
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

export const log = {
  info(message: string): void {
    console.log(redact(message));
  },
  warn(message: string): void {
    console.warn(redact(message));
  },
  error(message: string, error?: unknown): void {
    console.error(redact(error === undefined ? message : `${message}: ${describe(error)}`));
  },
};
