/** The calendar day (YYYY-MM-DD) of an instant in a time zone: "different days" means the student's days. */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function localDay(instant: Date | string, timeZone: string): string {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
		formatters.set(timeZone, f);
	}
	return f.format(typeof instant === 'string' ? new Date(instant) : instant);
}
