/**
 * Shared maximum lengths (in characters) for text fields, so entities, zod schemas and forms
 * agree. Entity files re-export the limits of their own fields from these. Kept apart from the
 * entities so that entity files never import values from each other (their imports are circular).
 */
export const NAME_MAX = 300;
export const TITLE_MAX = 500;
export const SHORT_TEXT_MAX = 2_000;
export const LONG_TEXT_MAX = 20_000;
export const URL_MAX = 2_000;
/** Transliteration can lengthen a name up to four times (щ -> shch). */
export const LATIN_FORM_MAX = NAME_MAX * 4;
