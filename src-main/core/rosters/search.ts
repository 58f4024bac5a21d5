import { normaliseText } from '../catalog/values';

/**
 * Quick-search text as people type it: full-width characters folded, spaces trimmed. An ID's
 * lower-case x is upper-cased by the callers that compare IDs.
 */
export function searchText(raw: string): string {
  return normaliseText(raw).replace(/\s+/g, ' ');
}

/**
 * Characters that make up the frame of almost every address: a gram of them alone (号楼, 单元)
 * is in nearly every document, and FTS4 reads a term's whole list of documents to AND it.
 */
const FRAME = new Set([...'号院楼单元室栋层幢座区路街道巷弄里小村组社期']);

/** Grams a search uses: those with the fewest frame characters, at most three, in text order. */
const MAX_GRAMS = 3;

/**
 * The FTS4 MATCH expression for text, as migration 0008 indexes it: every run of letters and
 * digits in overlapping two-character grams, ANDed; a run of one character matches any gram that
 * starts with it (every character of an indexed text starts a gram, the last one alone). Matches
 * are candidates: the roster confirms them with instr(), so a few telling grams are enough and
 * common ones (all frame, like 号楼) are left out unless nothing else is left. Null when the text
 * has no letters or digits.
 */
export function gramQuery(text: string): string | null {
  const grams: { term: string; frame: number; at: number }[] = [];
  const seen = new Set<string>();
  for (const run of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    const chars = [...run];
    const add = (term: string, part: string[]): void => {
      if (seen.has(term)) return;
      seen.add(term);
      grams.push({ term, frame: part.filter((c) => FRAME.has(c)).length, at: grams.length });
    };
    if (chars.length === 1) add(`${chars[0]}*`, chars);
    for (let i = 0; i + 1 < chars.length; i++) add(`${chars[i]}${chars[i + 1]}`, chars.slice(i, i + 2));
  }
  if (grams.length === 0) return null;
  const chosen = [...grams].sort((a, b) => a.frame - b.frame || a.at - b.at).slice(0, MAX_GRAMS);
  return chosen
    .sort((a, b) => a.at - b.at)
    .map((g) => g.term)
    .join(' ');
}
