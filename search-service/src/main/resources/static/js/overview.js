// The charts over the period: volume per day, the shares by source and topic, the
// sentiment, and what the organization itself said. They count the mentions the list
// below them shows.

import { getJson } from './api.js';
import { byId, element, plural, svg } from './dom.js';
import { filterParams, state } from './state.js';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function drawVolume(days) {
	const container = byId('volume');
	container.replaceChildren();
	const width = 1000;
	const height = 220;
	const left = 34;
	const bottom = 26;
	const top = 16;
	const max = Math.max(1, ...days.map((day) => day.count));
	const slot = (width - left) / Math.max(1, days.length);
	const chart = svg('svg', {
		id: 'volume-chart', viewBox: '0 0 ' + width + ' ' + height, role: 'img',
		'aria-label': 'Mentions per day: ' + days.map((day) => day.date + ' ' + day.count).join(', ')
	});
	[0, max].forEach((value) => {
		const y = height - bottom - (value / max) * (height - bottom - top);
		const label = svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end' });
		label.textContent = String(value);
		chart.appendChild(label);
		chart.appendChild(svg('line', { x1: left, x2: width, y1: y, y2: y, stroke: '#d0d7de' }));
	});
	const every = Math.ceil(days.length / 10);
	days.forEach((day, i) => {
		const barHeight = (day.count / max) * (height - bottom - top);
		const x = left + i * slot + slot * 0.15;
		const bar = svg('rect', {
			class: 'bar', x: x, y: height - bottom - barHeight, width: slot * 0.7,
			height: Math.max(barHeight, 0), 'data-date': day.date, 'data-count': day.count
		});
		const title = svg('title');
		title.textContent = day.date + ': ' + day.count + ' mentions';
		bar.appendChild(title);
		chart.appendChild(bar);
		if (day.count > 0 && days.length <= 31) {
			const count = svg('text', { class: 'count', x: x + slot * 0.35, y: height - bottom - barHeight - 3,
				'text-anchor': 'middle' });
			count.textContent = String(day.count);
			chart.appendChild(count);
		}
		if (i % every === 0) {
			const label = svg('text', { x: x + slot * 0.35, y: height - 8, 'text-anchor': 'middle' });
			label.textContent = day.date.slice(5);
			chart.appendChild(label);
		}
	});
	container.appendChild(chart);
}

function drawShares(listId, buckets, total, names) {
	const list = byId(listId);
	list.replaceChildren();
	if (!buckets.length) {
		list.appendChild(element('li', {}, 'Nothing yet'));
		return;
	}
	buckets.forEach((bucket) => {
		const pct = total ? Math.round((bucket.count / total) * 1000) / 10 : 0;
		const item = element('li');
		item.appendChild(element('span', { class: 'key' }, names[bucket.key] || bucket.key));
		const track = element('span', { class: 'track', role: 'presentation' });
		const fill = element('span', { class: 'fill' });
		fill.style.width = Math.min(100, pct) + '%';
		fill.style.display = 'block';
		track.appendChild(fill);
		item.appendChild(track);
		item.appendChild(element('span', { class: 'pct', title: bucket.count + ' mentions' }, pct + '%'));
		list.appendChild(item);
	});
}

function drawSentiment(sentiment) {
	const judged = sentiment.positive + sentiment.neutral + sentiment.negative;
	const buckets = ['positive', 'neutral', 'negative']
		.map((label) => ({ key: label, count: sentiment[label] }))
		.filter((bucket) => bucket.count > 0);
	drawShares('by-sentiment', buckets, judged, { positive: 'Positive', neutral: 'Neutral', negative: 'Negative' });
	const average = sentiment.averageScore;
	byId('sentiment-average').textContent = (average === undefined || average === null) ? 'No mention judged yet'
		: 'Average score ' + (average >= 0 ? '+' : '') + average.toFixed(2) + ' over ' + judged + ' judged mentions';
}

export async function loadSummary(names) {
	const params = filterParams();
	params.set('zone', zone);
	const summary = await getJson('/api/analytics/summary?' + params);
	byId('total').textContent = '· ' + summary.total + ' mentions' + (state.q ? ' matching the query' : '')
		+ ', days in ' + summary.zone;
	const said = summary.said || { posts: 0, replies: 0 };
	byId('said').textContent = said.posts
		? 'Of them, the organization posted ' + plural(said.posts, 'time', 'times') + ' itself, '
			+ plural(said.replies, 'reply', 'replies') + ' to mentions among them.'
		: 'The organization\'s own accounts posted nothing among them.';
	drawVolume(summary.volumeByDay);
	drawShares('by-source', summary.bySource, summary.total, {});
	drawShares('by-topic', summary.byTopic, summary.total, names.topics);
	drawSentiment(summary.sentiment);
}
