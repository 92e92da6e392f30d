import { describe, expect, it } from 'vitest';
import { CHART, layoutBars, wrap } from '../../../../src/lib/server/reports/chart';

describe('wrap', () => {
	it('breaks at spaces, keeps every word, never exceeds the width unless one word does', () => {
		const text = 'Spokesperson for Qatar’s Ministry of Foreign Affairs and adviser to Qatar’s prime minister';
		const lines = wrap(text, 30);
		expect(lines.join(' ')).toBe(text);
		expect(lines.every((l) => l.length <= 30)).toBe(true);
		expect(wrap('Supercalifragilistic word', 5)).toEqual(['Supercalifragilistic', 'word']);
		expect(wrap('', 10)).toEqual(['']);
	});
});

describe('layoutBars', () => {
	it('stacks label lines, then the bar; widths follow the share; the value says count, percent and right', () => {
		const chart = layoutBars([
			{ text: 'Egypt', count: 3, share: 0.75, right: true },
			{ text: 'Norway', count: 0, share: 0, right: false }
		]);
		const [a, b] = chart.bars;
		expect(a).toMatchObject({ barWidth: Math.round(0.75 * CHART.barMax), value: '3 (75%) ✓ right' });
		expect(a!.lines).toEqual([{ text: 'Egypt', y: CHART.font }]);
		expect(b).toMatchObject({ barWidth: 0, value: '0 (0%)' });
		expect(b!.lines[0]!.y).toBeGreaterThan(a!.barY + CHART.barHeight);
		expect(chart.height).toBe(b!.barY + CHART.barHeight);
		expect(CHART.barMax + 6 + '3 (100%) ✓ right'.length * 8).toBeLessThanOrEqual(CHART.width);
	});
});
