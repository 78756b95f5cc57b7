/**
 * The ILIKE pattern for `q`. Something that looks like a phone number ("+1 (555) 765-43")
 * searches its digits, as numbers are stored in E.164; anything else searches as typed.
 * LIKE's wildcards in the input match themselves.
 */
export function searchPattern(q: string): string {
  const digits = q.replace(/\D/g, "");
  const phoneLike = /^[\d\s()+.-]+$/.test(q) && digits.length >= 3;
  const term = phoneLike ? digits : q;
  return `%${term.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
