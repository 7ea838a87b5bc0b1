// The executive view: a page read once a week and understood in a minute. The period,
// the department and the page's look follow its URL, so the view has a permalink.

import { getJson } from './api.js';
import { barChart, downloadCsv, downloadPng, lineChart } from './charts.js';
import { byId, duration, element, isWebLink, link } from './dom.js';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const DAY_MS = 24 * 3600 * 1000;

const PERIODS = ['7d', '30d', '90d', 'quarter', 'year', 'custom'];

const view = { period: '30d', from: null, to: null, department: '' };

let current = null;

const departmentNames = {};

function showError(message) {
	byId('error').textContent = message;
	byId('error').hidden = !message;
}

function readUrl() {
	const params = new URLSearchParams(window.location.search);
	view.period = PERIODS.includes(params.get('period')) ? params.get('period') : '30d';
	view.department = params.get('department') || '';
	const from = Date.parse(params.get('from'));
	const to = Date.parse(params.get('to'));
	if (view.period === 'custom' || (Number.isFinite(from) && Number.isFinite(to))) {
		if (Number.isFinite(from) && Number.isFinite(to) && from < to) {
			view.period = 'custom';
			view.from = new Date(from).toISOString();
			view.to = new Date(to).toISOString();
		}
		else {
			view.period = '30d';
		}
	}
}

function writeUrl() {
	const params = new URLSearchParams();
	if (view.period !== '30d') {
		params.set('period', view.period);
	}
	if (view.period === 'custom') {
		params.set('from', view.from);
		params.set('to', view.to);
	}
	if (view.department) {
		params.set('department', view.department);
	}
	const query = params.toString();
	window.history.replaceState(null, '', window.location.pathname + (query ? '?' + query : ''));
}

function range() {
	const now = new Date();
	switch (view.period) {
		case 'custom':
			return { from: view.from, to: view.to };
		case 'quarter':
			return { from: new Date(now.getFullYear(), Math.floor(now.getMonth() / 3) * 3, 1).toISOString(),
				to: now.toISOString() };
		case 'year':
			return { from: new Date(now.getFullYear(), 0, 1).toISOString(), to: now.toISOString() };
		default:
			return { from: new Date(now.getTime() - parseInt(view.period, 10) * DAY_MS).toISOString(),
				to: now.toISOString() };
	}
}

function localDate(iso) {
	const date = new Date(iso);
	const pad = (n) => String(n).padStart(2, '0');
	return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate());
}

const number = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

// How each headline figure reads, and whether a rise is good news.
const FIGURES = [
	{ key: 'volume', title: 'Mentions', format: (v) => number.format(v), change: 'percent', rising: 'neutral',
		help: 'What others said about the organization' },
	{ key: 'audience', title: 'Audience', format: (v) => compact.format(v), change: 'percent', rising: 'neutral',
		help: 'The followers of their authors, added up: how many could have seen them' },
	{ key: 'netSentiment', title: 'Net sentiment', format: (v) => (v > 0 ? '+' : '') + Math.round(v), change: 'points',
		rising: 'good', help: 'Positive minus negative, in percent of the mentions judged (−100 to +100)' },
	{ key: 'shareOfVoice', title: 'Share of voice', format: (v) => Math.round(v) + '%', change: 'points',
		rising: 'good', help: 'Our mentions in percent of ours and our competitors\'' },
	{ key: 'answeredShare', title: 'Answered', format: (v) => Math.round(v) + '%', change: 'points', rising: 'good',
		help: 'Of the mentions that asked or complained, the share we answered' },
	{ key: 'medianTimeToAnswerSeconds', title: 'Median time to answer', format: (v) => duration(v),
		change: 'percent', rising: 'bad', help: 'From publication to our answer, for the mentions answered' }
];

function change(spec, now, before, against) {
	if (now === undefined || now === null || before === undefined || before === null) {
		return element('p', { class: 'delta muted' }, 'no figure ' + against);
	}
	let text;
	let direction = Math.sign(now - before);
	if (spec.change === 'points') {
		const points = Math.round((now - before) * 10) / 10;
		text = (points === 0 ? 'no change' : (points > 0 ? '+' : '') + points + ' points') + ' ' + against;
		direction = Math.sign(points);
	}
	else if (before === 0) {
		text = (now === 0 ? 'none either ' : 'up from none ') + against;
	}
	else {
		const percent = Math.round(((now - before) / before) * 100);
		text = (percent > 0 ? 'up ' : percent < 0 ? 'down ' : 'level ') + (percent === 0 ? '' : Math.abs(percent) + '% ')
			+ against;
		direction = Math.sign(percent);
	}
	const good = spec.rising === 'neutral' || direction === 0 ? 'neutral'
		: ((direction > 0) === (spec.rising === 'good') ? 'good' : 'bad');
	return element('p', { class: 'delta delta-' + good }, (direction > 0 ? '▲ ' : direction < 0 ? '▼ ' : '') + text);
}

function drawHeadline(data) {
	const tiles = byId('headline');
	tiles.replaceChildren();
	FIGURES.forEach((spec) => {
		const figure = data.headline[spec.key] || {};
		const tile = element('div', { class: 'tile', 'data-figure': spec.key, title: spec.help });
		tile.appendChild(element('h3', {}, spec.title));
		tile.appendChild(element('p', { class: 'value' },
			(figure.current === undefined || figure.current === null) ? '—' : spec.format(figure.current)));
		tile.appendChild(change(spec, figure.current, figure.previous, 'on the period before'));
		tile.appendChild(change(spec, figure.current, figure.yearBefore, 'on a year before'));
		tiles.appendChild(tile);
	});
}

function labels(data) {
	return data.timeline.map((point) => data.interval === 'month' ? point.date.slice(0, 7) : point.date.slice(5));
}

function drawVoices(data) {
	const names = data.voices.map((voice) => voice.name);
	const series = data.voices.map((voice) => ({ name: voice.name, values: data.timeline.map((point) => {
		const all = Object.values(point.voices).reduce((sum, count) => sum + count, 0);
		return all ? Math.round(((point.voices[voice.id] || 0) / all) * 1000) / 10 : null;
	}) }));
	const container = byId('voice-timeline');
	container.replaceChildren(lineChart('voice-chart', labels(data), series,
		{ min: 0, max: 100, unit: '%', label: 'Share of voice over time: ' + names.join(', ') }));
	const body = byId('voices').querySelector('tbody');
	body.replaceChildren();
	data.voices.forEach((voice) => {
		const row = element('tr', { 'data-voice': voice.id });
		row.appendChild(element('th', { scope: 'row' }, voice.name));
		row.appendChild(element('td', {}, number.format(voice.mentions)));
		row.appendChild(element('td', {}, voice.share + '%'));
		row.appendChild(element('td', {}, voice.netSentiment === undefined ? '—'
			: (voice.netSentiment > 0 ? '+' : '') + Math.round(voice.netSentiment)));
		body.appendChild(row);
	});
}

function story(item) {
	const mention = item.mention;
	const entry = element('li', { class: 'mention', 'data-id': mention.id });
	const meta = element('div', { class: 'meta' });
	meta.appendChild(element('span', { class: 'source' }, mention.source));
	meta.appendChild(element('span', {}, '@' + mention.author.handle));
	if (item.copies > 1) {
		meta.appendChild(element('span', { class: 'badge copies' }, item.copies + ' copies'));
	}
	if (isWebLink(mention.url)) {
		meta.appendChild(link(mention.url, 'Open'));
	}
	entry.appendChild(meta);
	entry.appendChild(element('p', { class: 'text' }, mention.text.length > 220 ? mention.text.slice(0, 217) + '…'
		: mention.text));
	return entry;
}

function drawSentiment(data) {
	const dates = data.timeline.map((point) => point.date);
	const markers = data.spikes.map((spike) => {
		const day = localDate(spike.at);
		let index = dates.findIndex((date, i) => date <= day && (i === dates.length - 1 || dates[i + 1] > day));
		index = index < 0 ? 0 : index;
		return { index: index, title: 'Spike: ' + spike.topicName + ' (' + spike.kind + ', ' + spike.count
			+ ' mentions in an hour), ' + new Date(spike.at).toLocaleString() };
	});
	byId('sentiment-timeline').replaceChildren(lineChart('sentiment-chart', labels(data),
		[{ name: 'Net sentiment', values: data.timeline.map((point) => point.netSentiment === undefined ? null
			: point.netSentiment) }], { min: -100, max: 100, markers: markers,
			label: 'Net sentiment over time, from -100 to +100, with ' + markers.length + ' spikes marked' }));
	const spikes = byId('spikes');
	spikes.replaceChildren();
	data.spikes.forEach((spike) => spikes.appendChild(element('li', { 'data-topic': spike.topic },
		new Date(spike.at).toLocaleString() + ' · ' + spike.topicName + ' · ' + spike.kind + ' spike, '
			+ spike.count + ' mentions in an hour')));
	if (!data.spikes.length) {
		spikes.appendChild(element('li', { class: 'muted' }, 'No spike in the period'));
	}
	[['largest', data.topStories.largest], ['widest', data.topStories.widest]].forEach(([id, items]) => {
		const list = byId(id);
		list.replaceChildren();
		items.forEach((item) => list.appendChild(story(item)));
		if (!items.length) {
			list.appendChild(element('li', { class: 'muted' }, 'None in the period'));
		}
	});
}

function percent(value) {
	return (value === undefined || value === null) ? '—' : Math.round(value) + '%';
}

function drawDepartments(data) {
	const body = byId('departments').querySelector('tbody');
	body.replaceChildren();
	data.departments.forEach((department) => {
		const row = element('tr', { 'data-department': department.id });
		row.appendChild(element('th', { scope: 'row' }, department.name));
		row.appendChild(element('td', {}, number.format(department.volume)));
		row.appendChild(element('td', {}, percent(department.negativeShare)));
		row.appendChild(element('td', {}, number.format(department.waiting)));
		row.appendChild(element('td', {}, percent(department.answeredShare)));
		row.appendChild(element('td', {}, department.medianTimeToAnswerSeconds === undefined ? '—'
			: duration(department.medianTimeToAnswerSeconds)));
		body.appendChild(row);
	});
}

function drawAttention(data) {
	const attention = data.attention;
	const ratio = attention.heard ? Math.round((attention.answered / attention.heard) * 1000) / 10 : 0;
	byId('attention-line').textContent = 'We said ' + number.format(attention.said) + ', heard '
		+ number.format(attention.heard) + ' and answered ' + number.format(attention.answered) + ' ('
		+ ratio + '% of what we heard).';
	const networks = attention.byNetwork;
	byId('attention-networks').replaceChildren(barChart('attention-chart', networks.map((row) => row.name),
		[{ name: 'We said', values: networks.map((row) => row.said) },
			{ name: 'We heard', values: networks.map((row) => row.heard) },
			{ name: 'We answered', values: networks.map((row) => row.answered) }],
		{ label: 'What we said, heard and answered on each network' }));
	byId('attention-timeline').replaceChildren(lineChart('attention-over-time', labels(data),
		[{ name: 'We said', values: data.timeline.map((point) => point.said) },
			{ name: 'We heard', values: data.timeline.map((point) => point.heard) },
			{ name: 'We answered', values: data.timeline.map((point) => point.answered) }],
		{ min: 0, height: 220, label: 'What we said, heard and answered over time' }));
	const body = byId('attention-departments').querySelector('tbody');
	body.replaceChildren();
	attention.byDepartment.forEach((department) => {
		const row = element('tr', { 'data-department': department.key });
		row.appendChild(element('th', { scope: 'row' }, department.name));
		[department.said, department.heard, department.answered]
			.forEach((value) => row.appendChild(element('td', {}, number.format(value))));
		body.appendChild(row);
	});
}

// The rows each table and chart exports as CSV.
const EXPORTS = {
	voices: (data) => [['voice', 'mentions', 'share_percent', 'net_sentiment']]
		.concat(data.voices.map((voice) => [voice.name, voice.mentions, voice.share, voice.netSentiment])),
	timeline: (data) => [['date', 'heard', 'said', 'answered', 'positive', 'negative', 'neutral', 'net_sentiment']
		.concat(data.voices.map((voice) => 'voice_' + voice.id))]
		.concat(data.timeline.map((point) => [point.date, point.heard, point.said, point.answered, point.positive,
			point.negative, point.neutral, point.netSentiment].concat(data.voices.map((voice) => point.voices[voice.id])))),
	departments: (data) => [['department', 'mentions', 'negative_percent', 'waiting_now', 'answered_percent',
		'median_seconds_to_answer']].concat(data.departments.map((department) => [department.name, department.volume,
		department.negativeShare, department.waiting, department.answeredShare, department.medianTimeToAnswerSeconds])),
	attention: (data) => [['scope', 'name', 'said', 'heard', 'answered']]
		.concat(data.attention.byNetwork.map((row) => ['network', row.name, row.said, row.heard, row.answered]))
		.concat(data.attention.byDepartment.map((row) => ['department', row.name, row.said, row.heard, row.answered]))
};

function fileName(what, extension) {
	return 'grapevine-' + what + '-' + localDate(current.from) + '-to-' + localDate(new Date(Date.parse(current.to) - 1))
		+ '.' + extension;
}

function listen() {
	document.querySelectorAll('[data-csv]').forEach((button) => button.addEventListener('click', () => {
		if (current) {
			downloadCsv(fileName(button.dataset.csv, 'csv'), EXPORTS[button.dataset.csv](current));
		}
	}));
	document.querySelectorAll('[data-png]').forEach((button) => button.addEventListener('click', () => {
		const chart = byId(button.dataset.png);
		if (chart) {
			downloadPng(fileName(button.dataset.png.replace('-chart', ''), 'png'), chart)
				.catch((error) => showError(error.message));
		}
	}));
	byId('print').addEventListener('click', () => window.print());
	byId('filters').addEventListener('change', (event) => {
		if (event.target.id === 'period') {
			view.period = event.target.value;
			if (view.period === 'custom') {
				const last = range();
				view.from = view.from || new Date(Date.now() - 30 * DAY_MS).toISOString();
				view.to = view.to || last.to;
			}
		}
		else if (event.target.id === 'from-date' || event.target.id === 'to-date') {
			const from = new Date(byId('from-date').value + 'T00:00:00');
			const last = new Date(byId('to-date').value + 'T00:00:00');
			if (!Number.isFinite(from.getTime()) || !Number.isFinite(last.getTime()) || last < from) {
				showError('The custom period needs a first day on or before its last day.');
				return;
			}
			view.from = from.toISOString();
			view.to = new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1).toISOString();
		}
		else if (event.target.id === 'department') {
			view.department = event.target.value;
		}
		refresh();
	});
}

function drawControls() {
	byId('period').value = view.period;
	byId('department').value = view.department;
	const custom = view.period === 'custom';
	byId('custom-from').hidden = !custom;
	byId('custom-to').hidden = !custom;
	if (custom) {
		byId('from-date').value = localDate(view.from);
		byId('to-date').value = localDate(new Date(Date.parse(view.to) - 1).toISOString());
	}
}

async function refresh() {
	document.body.setAttribute('aria-busy', 'true');
	showError('');
	drawControls();
	writeUrl();
	try {
		const period = range();
		const params = new URLSearchParams({ from: period.from, to: period.to, zone: zone });
		if (view.department) {
			params.set('department', view.department);
		}
		current = await getJson('/api/analytics/executive?' + params);
		const last = new Date(Date.parse(current.to) - 1);
		byId('period-line').textContent = (view.department ? departmentNames[view.department] + ' · ' : '')
			+ new Date(current.from).toLocaleDateString() + ' to ' + last.toLocaleDateString() + ', compared with '
			+ new Date(current.periods.previous.from).toLocaleDateString() + ' to '
			+ new Date(Date.parse(current.periods.previous.to) - 1).toLocaleDateString() + ' and a year before';
		drawHeadline(current);
		drawVoices(current);
		drawSentiment(current);
		drawDepartments(current);
		drawAttention(current);
	}
	catch (error) {
		showError(error.message);
	}
	document.body.setAttribute('aria-busy', 'false');
}

async function start() {
	readUrl();
	try {
		const organization = await getJson('/api/organization');
		byId('org-name').textContent = organization.name + ' · Executive view';
		document.title = 'Grapevine · ' + organization.name + ' · Executive view';
		organization.departments.forEach((department) => {
			departmentNames[department.id] = department.name;
			byId('department').appendChild(element('option', { value: department.id }, department.name));
		});
	}
	catch (error) {
		showError(error.message);
	}
	listen();
	await refresh();
}

start();
