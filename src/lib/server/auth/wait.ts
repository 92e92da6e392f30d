/** How long to wait, in words, for a rate-limit refusal: "15 minutes", "1 minute". */
export function minutesToWait(ms: number): string {
	const m = Math.max(1, Math.ceil(ms / 60_000));
	return `${m} minute${m === 1 ? '' : 's'}`;
}
