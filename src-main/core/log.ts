/**
 * The only logger core uses. Every line passes through `redact`, so an ID number or a phone
 * number quoted by an error message (a UNIQUE constraint, a parse error) never reaches a log.
 */
const ID_NUMBER = /(?<![0-9])[1-9][0-9]{5}(?:18|19|20)?[0-9]{2}[01][0-9][0-3][0-9][0-9]{3}[0-9Xx]?(?![0-9])/g;
const PHONE = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g;

export function redact(text: string): string {
  return text.replace(ID_NUMBER, '[身份号码]').replace(PHONE, '[电话]');
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
