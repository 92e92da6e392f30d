/**
 * Layout of a horizontal bar chart drawn as SVG on the server: each bar has its choice text
 * above it (wrapped, since SVG text does not wrap) and its count and percent beside it, so the
 * chart reads without colour. Pure numbers in viewBox units; the page draws them.
 */

export const CHART = {
	/** small, so the text stays readable when the chart shrinks to a phone's width */
	width: 320,
	/** room for "12 (100%) ✓ right" to the right of the longest bar */
	barMax: 170,
	barHeight: 18,
	lineHeight: 18,
	font: 14,
	gap: 14,
	/** characters per label line at this font and width */
	wrapAt: 40
} as const;

/** Breaks text into lines of at most `max` characters at spaces; a longer word gets a line of its own. */
export function wrap(text: string, max: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (!line) line = word;
		else if (line.length + 1 + word.length <= max) line += ` ${word}`;
		else {
			lines.push(line);
			line = word;
		}
	}
	if (line) lines.push(line);
	return lines.length ? lines : [''];
}

export interface BarInput {
	text: string;
	count: number;
	/** 0..1 */
	share: number;
	right: boolean;
}

export interface Bar extends BarInput {
	lines: { text: string; y: number }[];
	barY: number;
	barWidth: number;
	/** "12 (48%) ✓ right" */
	value: string;
	valueX: number;
	valueY: number;
}

export const barValue = (b: BarInput) => `${b.count} (${Math.round(b.share * 100)}%)${b.right ? ' ✓ right' : ''}`;

export interface BarChart {
	width: number;
	height: number;
	font: number;
	barMax: number;
	barHeight: number;
	bars: Bar[];
}

export function layoutBars(input: readonly BarInput[]): BarChart {
	const { barMax, barHeight, lineHeight, font, gap, wrapAt } = CHART;
	let y = 0;
	const bars = input.map((b): Bar => {
		const lines = wrap(b.text, wrapAt).map((text, i) => ({ text, y: y + font + i * lineHeight }));
		const barY = y + lines.length * lineHeight + 4;
		const barWidth = Math.max(b.count > 0 ? 2 : 0, Math.round(b.share * barMax));
		y = barY + barHeight + gap;
		return { ...b, lines, barY, barWidth, value: barValue(b), valueX: barWidth + 6, valueY: barY + barHeight - 4 };
	});
	return { width: CHART.width, height: Math.max(y - gap, 1), font, barMax, barHeight, bars };
}
