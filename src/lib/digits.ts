/**
 * 12345 → "12,345", as en-US writes it. Not toLocaleString: its first call builds an
 * Intl.NumberFormat, about 100 ms of a slow phone's start-up for two character counts.
 */
export const groupDigits = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
