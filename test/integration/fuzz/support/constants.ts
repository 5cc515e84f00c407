// Limits and protocol names shared by every fuzz file.

/** A response must arrive within this (a hang fails). */
export const REQUEST_TIMEOUT_MS = 5_000;
/** Per property. */
export const TEST_TIMEOUT_MS = 40_000;

export const PRE_AUTH_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
export const MDL_DOCTYPE = 'org.iso.18013.5.1.mDL';
export const PID_DOCTYPE = 'eu.europa.ec.eudi.pid.1';
