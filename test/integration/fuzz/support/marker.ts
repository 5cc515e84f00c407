// The holder data the fuzz offers carry, with a marker that must never come back out of the server.
import { MDL_CLAIMS } from '../../support/fixtures';

/** The holder's family name in every offer the fuzz files create: it must never come back out. */
export const MARKER = 'Fuzzmarker-Ωß-7d1c';
export const FUZZ_CLAIMS = { ...MDL_CLAIMS, family_name: MARKER };
