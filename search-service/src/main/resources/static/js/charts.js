// Charts drawn as SVG with their colours written on the elements themselves, so a chart
// exported as a PNG looks as it does on the page; and their export as PNG and CSV.

import { element, svg } from './dom.js';

export const COLOURS = ['#0b5394', '#c0392b', '#2e8b57', '#d68910', '#7a62c9', '#16a085', '#7f8c8d', '#a04000'];

const INK = '#1b1f24';

const MUTED = '#545d68';

const LINE = '#d0d7de';

const FONT = 'font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 11px;';

function text(x, y, value, attributes) {
	const node = svg('text', Object.assign({ x: x, y: y, fill: MUTED, style: FONT }, attributes || {}));
	node.textContent = value;
	return node;
}

function frame(id, width, height, label) {
	const chart = svg('svg', { id: id, viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': label,
		xmlns: 'http://www.w3.org/2000/svg', width: width, height: height });
	chart.appendChild(svg('rect', { x: 0, y: 0, width: width, height: height, fill: '#ffffff' }));
	return chart;
}

function legend(chart, names, x, y) {
	names.forEach((name, i) => {
		const left = x + i * 150;
		chart.appendChild(svg('rect', { x: left, y: y - 9, width: 10, height: 10, fill: COLOURS[i % COLOURS.length] }));
		chart.appendChild(text(left + 14, y, name, { fill: INK }));
	});
}

// Lines over a timeline: each series a list of numbers (null for no value) of the length
// of the labels; markers are drawn at given label indexes with their titles.
export function lineChart(id, labels, series, options) {
	const opts = Object.assign({ width: 1000, height: 260, min: null, max: null, unit: '', markers: [] }, options || {});
	const left = 44;
	const right = 10;
	const top = 28;
	const bottom = 28;
	const values = series.flatMap((line) => line.values).filter((value) => value !== null && value !== undefined);
	const min = opts.min !== null ? opts.min : Math.min(0, ...values);
	const max = opts.max !== null ? opts.max : Math.max(1, ...values);
	const chart = frame(id, opts.width, opts.height, opts.label || '');
	const x = (i) => left + (labels.length <= 1 ? 0 : i * (opts.width - left - right) / (labels.length - 1));
	const y = (value) => opts.height - bottom - ((value - min) / (max - min || 1)) * (opts.height - bottom - top);
	[min, (min + max) / 2, max].forEach((value) => {
		chart.appendChild(svg('line', { x1: left, x2: opts.width - right, y1: y(value), y2: y(value), stroke: LINE }));
		chart.appendChild(text(left - 6, y(value) + 4, Math.round(value) + opts.unit, { 'text-anchor': 'end' }));
	});
	if (min < 0 && max > 0) {
		chart.appendChild(svg('line', { x1: left, x2: opts.width - right, y1: y(0), y2: y(0), stroke: MUTED }));
	}
	const every = Math.max(1, Math.ceil(labels.length / 10));
	labels.forEach((label, i) => {
		if (i % every === 0) {
			chart.appendChild(text(x(i), opts.height - 8, label, { 'text-anchor': 'middle' }));
		}
	});
	series.forEach((line, index) => {
		const colour = COLOURS[index % COLOURS.length];
		let path = '';
		line.values.forEach((value, i) => {
			if (value === null || value === undefined) {
				return;
			}
			path += (path && line.values[i - 1] !== null && line.values[i - 1] !== undefined ? 'L' : 'M') + x(i) + ' '
				+ y(value) + ' ';
			const dot = svg('circle', { cx: x(i), cy: y(value), r: 2.5, fill: colour, class: 'point',
				'data-series': line.name, 'data-label': labels[i], 'data-value': value });
			const title = svg('title');
			title.textContent = line.name + ', ' + labels[i] + ': ' + value + opts.unit;
			dot.appendChild(title);
			chart.appendChild(dot);
		});
		chart.appendChild(svg('path', { d: path.trim() || 'M0 0', fill: 'none', stroke: colour, 'stroke-width': 2 }));
	});
	opts.markers.forEach((marker) => {
		const mark = svg('path', { d: 'M' + x(marker.index) + ' ' + (top - 2) + ' l-6 -10 h12 z', fill: '#c0392b',
			class: 'spike', 'data-label': labels[marker.index] });
		const title = svg('title');
		title.textContent = marker.title;
		mark.appendChild(title);
		chart.appendChild(mark);
		chart.appendChild(svg('line', { x1: x(marker.index), x2: x(marker.index), y1: top - 2,
			y2: opts.height - bottom, stroke: '#c0392b', 'stroke-dasharray': '3 3' }));
	});
	legend(chart, series.map((line) => line.name), left, 14);
	return chart;
}

// Bars in groups: a group per category, a bar per series.
export function barChart(id, categories, series, options) {
	const opts = Object.assign({ width: 1000, height: 240 }, options || {});
	const left = 44;
	const top = 28;
	const bottom = 32;
	const max = Math.max(1, ...series.flatMap((bars) => bars.values));
	const chart = frame(id, opts.width, opts.height, opts.label || '');
	const slot = (opts.width - left) / Math.max(1, categories.length);
	const barWidth = slot * 0.75 / Math.max(1, series.length);
	const y = (value) => opts.height - bottom - (value / max) * (opts.height - bottom - top);
	[0, max].forEach((value) => {
		chart.appendChild(svg('line', { x1: left, x2: opts.width, y1: y(value), y2: y(value), stroke: LINE }));
		chart.appendChild(text(left - 6, y(value) + 4, String(Math.round(value)), { 'text-anchor': 'end' }));
	});
	categories.forEach((category, c) => {
		series.forEach((bars, s) => {
			const value = bars.values[c] || 0;
			const x = left + c * slot + slot * 0.125 + s * barWidth;
			const bar = svg('rect', { x: x, y: y(value), width: Math.max(1, barWidth - 2),
				height: Math.max(0, opts.height - bottom - y(value)), fill: COLOURS[s % COLOURS.length], class: 'bar',
				'data-series': bars.name, 'data-category': category, 'data-value': value });
			const title = svg('title');
			title.textContent = category + ', ' + bars.name + ': ' + value;
			bar.appendChild(title);
			chart.appendChild(bar);
		});
		chart.appendChild(text(left + c * slot + slot / 2, opts.height - 10, category, { 'text-anchor': 'middle',
			fill: INK }));
	});
	legend(chart, series.map((bars) => bars.name), left, 14);
	return chart;
}

function download(name, url) {
	const link = element('a', { href: url, download: name });
	document.body.appendChild(link);
	link.click();
	link.remove();
}

function csvCell(value) {
	const text = (value === null || value === undefined) ? '' : String(value);
	return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

// A CSV of rows (the first the header), UTF-8 with a byte order mark for spreadsheets.
export function csv(rows) {
	return '\ufeff' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function downloadCsv(name, rows) {
	const url = URL.createObjectURL(new Blob([csv(rows)], { type: 'text/csv;charset=utf-8' }));
	download(name, url);
	setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// A chart as a PNG at twice its size, through a canvas.
export function pngOf(chart) {
	return new Promise((resolve, reject) => {
		const width = Number(chart.getAttribute('width'));
		const height = Number(chart.getAttribute('height'));
		const source = new XMLSerializer().serializeToString(chart);
		const image = new Image();
		image.onload = () => {
			const canvas = document.createElement('canvas');
			canvas.width = width * 2;
			canvas.height = height * 2;
			const context = canvas.getContext('2d');
			context.scale(2, 2);
			context.drawImage(image, 0, 0, width, height);
			resolve(canvas.toDataURL('image/png'));
		};
		image.onerror = () => reject(new Error('The chart could not be drawn as an image'));
		image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(source);
	});
}

export async function downloadPng(name, chart) {
	download(name, await pngOf(chart));
}
