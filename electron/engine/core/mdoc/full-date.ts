/**
 * A calendar date without time or zone: ISO 18013-5 §7.2.1 `full-date`, encoded as CBOR tag 1004
 * over "YYYY-MM-DD" (RFC 8943). issueMdoc turns it into @auth0/mdl's DateOnly, which encodes so.
 */
export class FullDate {
  constructor(readonly value: string) {
    if (!isFullDate(value)) throw new RangeError(`not a full-date (YYYY-MM-DD, a real calendar day): "${value}"`);
  }

  toString(): string {
    return this.value;
  }

  toJSON(): string {
    return this.value;
  }
}

/** RFC 3339 full-date: four-digit year and a day that exists (no 2023-02-29). */
export function isFullDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return (
    !Number.isNaN(date.getTime()) &&
    date.getUTCFullYear() === Number(match[1]) &&
    date.getUTCMonth() + 1 === Number(match[2]) &&
    date.getUTCDate() === Number(match[3])
  );
}
