import { parse as parseAamva } from 'aamva-parser';
import { parse as parseMrz, type FieldName } from 'mrz';
import { localFullDate } from '../../../shared/claims/full-date';
import { alpha2FromAlpha3 } from '../../../shared/claims/iso-3166';

// What a keyboard-wedge document scanner types into the *Scan document* field (DESIGN §14):
// the AAMVA PDF417 barcode of a US or Canadian licence (AAMVA DL/ID Card Design Standard, parsed
// by aamva-parser) or the machine readable zone of a passport or ID card (ICAO 9303 TD1/TD3,
// parsed and check-digit verified by mrz). Both are read into claims named by the ISO 18013-5 /
// EU PID element identifiers, so they land on whatever fields a configuration maps to those names.

/** Claims of the holder the document states, by element identifier (family_name, birth_date, …). */
export type DocumentClaims = Record<string, string | number>;

export type ScanResult =
  | { kind: 'aamva'; claims: DocumentClaims }
  | { kind: 'mrz'; format: 'TD1' | 'TD3'; claims: DocumentClaims }
  /** Still arriving (a scanner types a line at a time). */
  | { kind: 'incomplete' }
  /** An MRZ whose check digits (ICAO 9303 Part 3 §4.9) or codes do not hold. */
  | { kind: 'mrz-invalid'; fields: FieldName[] }
  | { kind: 'unknown' };

// The compliance indicator @, then LF, RS and CR, which scanners type as Enter or drop (AAMVA 2016 §D.12.3).
const AAMVA_START = /^@\s*ANSI /;
const RECORD_SEPARATOR = String.fromCharCode(0x1e);

/** ISO/IEC 5218: 1 male, 2 female. */
const iso5218 = (sex: string | undefined | null): number | undefined =>
  sex === 'Male' || sex === 'male' ? 1 : sex === 'Female' || sex === 'female' ? 2 : undefined;

// aamva-parser builds its dates with the local-time Date constructor: read them back the same way.
const isoDate = (at: Date | null | undefined): string | undefined => (at && !Number.isNaN(at.getTime()) ? localFullDate(at) : undefined);

/** YYMMDD of an MRZ; a birth year is in the past, an expiry within the century ahead. */
function mrzDate(yymmdd: string | null | undefined, kind: 'birth' | 'expiry', today: Date): string | undefined {
  if (!yymmdd || !/^\d{6}$/.test(yymmdd)) return undefined;
  const yy = Number(yymmdd.slice(0, 2));
  const now = today.getFullYear() % 100;
  const century = kind === 'birth' ? (yy > now ? 1900 : 2000) : 2000;
  return `${century + yy}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

function compact(claims: Record<string, string | number | undefined | null>): DocumentClaims {
  return Object.fromEntries(
    Object.entries(claims).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== null && e[1] !== ''),
  );
}

const AAMVA_EYES = ['black', 'blue', 'brown', 'dichromatic', 'green', 'hazel', 'maroon', 'pink'];

function readAamva(text: string): ScanResult {
  const licence = parseAamva(text.replace(/\r\n?/g, '\n'));
  if (!licence.version || !licence.lastName || !licence.dateOfBirth) return { kind: 'unknown' };
  const given = [licence.firstName, licence.middleName].filter(Boolean).join(' ');
  const eyes = licence.eyeColor?.toLowerCase();
  const claims = compact({
    family_name: licence.lastName,
    given_name: given,
    birth_date: isoDate(licence.dateOfBirth),
    issue_date: isoDate(licence.issueDate),
    expiry_date: isoDate(licence.expirationDate),
    document_number: licence.driversLicenseId,
    sex: iso5218(licence.gender),
    resident_address: [licence.streetAddress, licence.streetAddressSupplement].filter(Boolean).join(', '),
    resident_city: licence.city,
    resident_state: licence.state,
    resident_postal_code: licence.postalCode?.trim(),
    resident_country: licence.countryCode ? alpha2FromAlpha3(licence.countryCode) : undefined,
    // ISO 18013-5 height is in cm; AAMVA DAU in inches.
    height: licence.height ? Math.round(licence.height * 2.54) : undefined,
    eye_colour: eyes && AAMVA_EYES.includes(eyes) ? eyes : eyes === 'gray' ? 'grey' : undefined,
  });
  return { kind: 'aamva', claims };
}

const MRZ_LINES = { TD1: [3, 30], TD3: [2, 44] } as const;

function readMrz(text: string, today: Date): ScanResult {
  const lines = text
    .toUpperCase()
    .split(/\r?\n|\r/)
    .map((l) => l.replace(/\s+/g, ''))
    .filter(Boolean);
  if (lines.length === 0 || !lines.every((l) => /^[A-Z0-9<]+$/.test(l))) return { kind: 'unknown' };
  const format = (Object.keys(MRZ_LINES) as (keyof typeof MRZ_LINES)[]).find(
    (f) => lines[0]!.length === MRZ_LINES[f][1] && lines.length <= MRZ_LINES[f][0],
  );
  if (!format) return lines[0]!.length < 44 && lines.length < 3 ? { kind: 'incomplete' } : { kind: 'unknown' };
  const [count, width] = MRZ_LINES[format];
  if (lines.length < count || lines.some((l) => l.length < width)) return { kind: 'incomplete' };
  if (lines.some((l) => l.length > width)) return { kind: 'unknown' };
  const result = parseMrz(lines);
  const invalid = result.details.filter((d) => !d.valid && d.field).map((d) => d.field!);
  if (invalid.length > 0) return { kind: 'mrz-invalid', fields: invalid };
  const f = result.fields;
  // The raw nationality: the library names only the states it knows, and ICAO also writes D for Germany.
  const at = result.details.find((d) => d.field === 'nationality');
  const nationality = at ? lines[at.line]?.slice(at.start, at.end) : undefined;
  const claims = compact({
    family_name: f.lastName,
    given_name: f.firstName,
    birth_date: mrzDate(f.birthDate, 'birth', today),
    sex: iso5218(f.sex),
    nationality: nationality ? alpha2FromAlpha3(nationality) : undefined,
  });
  return { kind: 'mrz', format, claims };
}

/** Reads what the scanner typed so far. */
export function readScannedDocument(text: string, today = new Date()): ScanResult {
  const trimmed = text.split(RECORD_SEPARATOR).join('\n').trim();
  if (!trimmed) return { kind: 'incomplete' };
  if (AAMVA_START.test(trimmed) || /^ANSI \d{6}/.test(trimmed)) return readAamva(trimmed.startsWith('@') ? trimmed : `@\n${trimmed}`);
  if (trimmed.startsWith('@')) return trimmed.length < 20 ? { kind: 'incomplete' } : { kind: 'unknown' };
  return readMrz(trimmed, today);
}
