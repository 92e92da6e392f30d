/**
 * The form field names of a matching question, apart from its schema so that the browser's
 * component does not pull Zod into the page (its eval probe would trip the CSP).
 */
export const MATCH_FIELD = 'match-';
