import { describe, expect, it } from 'vitest';
import { formatInZone, isTimeZone, utcToZonedInput, zonedToUtc } from '../../src/lib/time-zone';

describe('time zones', () => {
	it('turns a wall-clock time in a zone into the UTC instant and back', () => {
		expect(zonedToUtc('2026-12-01T17:00', 'America/New_York')?.toISOString()).toBe('2026-12-01T22:00:00.000Z');
		expect(zonedToUtc('2026-07-01T17:00', 'America/New_York')?.toISOString()).toBe('2026-07-01T21:00:00.000Z');
		expect(zonedToUtc('2026-12-01T17:00', 'Asia/Kolkata')?.toISOString()).toBe('2026-12-01T11:30:00.000Z');
		expect(utcToZonedInput('2026-12-01T22:00:00.000Z', 'America/New_York')).toBe('2026-12-01T17:00');
	});

	it('refuses dates that do not exist', () => {
		expect(zonedToUtc('2026-02-30T10:00', 'UTC')).toBeNull();
		expect(zonedToUtc('2026-12-01 17:00', 'UTC')).toBeNull();
		expect(zonedToUtc('2026-12-01T24:00', 'UTC')).toBeNull();
	});

	it('formats in the zone, naming it', () => {
		expect(formatInZone('2026-12-01T22:00:00.000Z', 'America/New_York')).toMatch(/1 Dec 2026.*17:00.*(EST|GMT-5)/);
	});

	it('knows real zones', () => {
		expect(isTimeZone('Europe/Berlin')).toBe(true);
		expect(isTimeZone('Mars/Olympus')).toBe(false);
	});
});
