/** Wall-clock times in a class's time zone, with Intl only (no date library needed for this much). */

function offsetMs(utc: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(new Date(utc));
	const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return asUtc - Math.floor(utc / 1000) * 1000;
}

/** "2026-12-01T17:00" in `timeZone` → the UTC instant; null if the text is not such a time. */
export function zonedToUtc(local: string, timeZone: string): Date | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
	if (!m) return null;
	const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
	const wall = Date.UTC(y, mo - 1, d, h, mi);
	const check = new Date(wall);
	if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
	// two passes settle the offset across a daylight-saving change
	let utc = wall - offsetMs(wall, timeZone);
	utc = wall - offsetMs(utc, timeZone);
	return new Date(utc);
}

/** The UTC instant as "2026-12-01T17:00" in `timeZone`, for a datetime-local field. */
export function utcToZonedInput(iso: string, timeZone: string): string {
	const t = new Date(iso).getTime();
	return new Date(t + offsetMs(t, timeZone)).toISOString().slice(0, 16);
}

export function formatInZone(iso: string, timeZone: string): string {
	return new Intl.DateTimeFormat('en-GB', {
		timeZone,
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		timeZoneName: 'short'
	}).format(new Date(iso));
}

export function isTimeZone(tz: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: tz });
		return true;
	} catch {
		return false;
	}
}
