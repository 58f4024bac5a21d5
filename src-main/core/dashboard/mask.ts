import type { ReadDb } from '../db/sqlite';
import { maskIdNumber, maskPhone } from '../people/idNumber';
import { ID_NUMBER_IN_TEXT, PHONE_IN_TEXT } from '../people/inText';

/**
 * Free text typed by people (an event's title) may quote a resident: public screens show it
 * masked (RULES.md "Personal information": ID first 3 + last 3, phone 3 + 4, names).
 */
const HAN_RUN = /\p{Script=Han}{2,}/gu;
const NAME_LENGTHS = [2, 3, 4];

/** 张三 → 张*, 欧阳娜娜 → 欧***: the surname stays, as on a public notice. */
export const maskName = (name: string): string => `${name.slice(0, 1)}${'*'.repeat(name.length - 1)}`;

/** Every 2–4 character Han substring of the texts: the strings that could be someone's name. */
function nameCandidates(texts: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    for (const [run] of text.matchAll(HAN_RUN)) {
      for (const length of NAME_LENGTHS) {
        for (let i = 0; i + length <= run.length; i++) found.add(run.slice(i, i + length));
      }
    }
  }
  return [...found];
}

/** Names of people in the database that occur in the texts (one indexed lookup for all of them). */
export function personNamesIn(db: ReadDb, texts: readonly string[]): string[] {
  const candidates = nameCandidates(texts);
  if (candidates.length === 0) return [];
  return db
    .all<{ name: string }>(`SELECT DISTINCT name FROM person WHERE name IN (${candidates.map(() => '?').join(', ')})`, candidates)
    .map((r) => r.name);
}

/** The text with ID numbers, phone numbers and the given names masked; longer names first. */
export function maskText(text: string, names: readonly string[]): string {
  let masked = text.replace(ID_NUMBER_IN_TEXT, maskIdNumber).replace(PHONE_IN_TEXT, maskPhone);
  for (const name of [...names].sort((a, b) => b.length - a.length)) masked = masked.split(name).join(maskName(name));
  return masked;
}
