/**
 * The form field names of an ordering question, apart from its schema so that the browser's
 * component does not pull Zod into the page (its eval probe would trip the CSP).
 */
export const POSITION_FIELD = 'pos-';
